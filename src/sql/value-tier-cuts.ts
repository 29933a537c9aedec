import { ident } from './quote';

/**
 * Where the important and VIP tiers start on the value measure, read off the value tiers SQL
 * itself (`tiersSql`), so the cut points are the ones it tiers by. `held`: the SQL carries its
 * cut-offs as columns (`vip_<value>`, `important_<value>`: rules, or fixed amounts); otherwise it
 * tiers by rank or revenue share, and since ties share a tier, a tier starts at the lowest value
 * in it (VIP nests within important). Either column is NULL when its tier is empty.
 */
export function valueTierCutsSql(tiersSql: string, valueColumn: string, held: boolean): string {
  const v = ident(valueColumn);
  const columns = held
    ? [
        `max(${ident(`important_${valueColumn}`)}) AS important`,
        `max(${ident(`vip_${valueColumn}`)}) AS vip`,
      ]
    : [
        `min(${v}) FILTER (WHERE segment_key IN ('vip', 'important')) AS important`,
        `min(${v}) FILTER (WHERE segment_key = 'vip') AS vip`,
      ];
  return `SELECT ${columns.join(', ')} FROM (\n${tiersSql}\n) AS tiers`;
}
