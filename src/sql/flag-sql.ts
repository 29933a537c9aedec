import { str } from './quote';

const YES = ['1', 'true', 't', 'yes', 'y', '是', '对', '√', '✓'];
const NO = ['0', 'false', 'f', 'no', 'n', '否', '不是', '×', '✗'];

const list = (values: string[]) => values.map(str).join(', ');

/**
 * SQL reading a yes/no column however it was exported, as 1, 0 or NULL: booleans, numbers
 * (1 / 0, also 1.0), and text true/false, yes/no, y/n, 是/否 in any case and spacing. Blank or
 * unrecognised text is NULL (unknown), never silently "no".
 */
export function flagSql(expr: string): string {
  const text = `lower(trim(CAST(${expr} AS VARCHAR)))`;
  return `(CASE
    WHEN ${text} IN (${list(YES)}) OR TRY_CAST(${expr} AS DOUBLE) = 1 THEN 1
    WHEN ${text} IN (${list(NO)}) OR TRY_CAST(${expr} AS DOUBLE) = 0 THEN 0
  END)`;
}
