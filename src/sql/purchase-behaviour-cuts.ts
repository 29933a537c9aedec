/**
 * The high-frequency and big-ticket thresholds a purchase behaviour SELECT (`presetSql`) flags
 * by, read off its own columns so they are the ones it used (NULL when there are no buyers).
 */
export function purchaseBehaviourCutsSql(presetSql: string): string {
  return `SELECT max(frequency_threshold) AS frequency, max(ticket_threshold) AS ticket FROM (\n${presetSql}\n) AS flagged`;
}
