/**
 * The unit price a needs SELECT (`presetSql`) calls a buyer quality-sensitive from, read off its
 * own column so it is the one it used (NULL when there are no buyers or no unit prices).
 */
export function needsCutsSql(presetSql: string): string {
  return `SELECT max(quality_price_threshold) AS quality FROM (\n${presetSql}\n) AS flagged`;
}
