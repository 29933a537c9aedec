import {
  DATE_PATTERNS,
  EXCEL_SERIAL_MAX,
  EXCEL_SERIAL_MIN,
  type DatePattern,
} from '../domain/date-patterns';
import { num, str } from './quote';

/** Characters trimmed around a value, as `parseDate` trims them. */
const TRIM = ' \t\r\n\u00a0\u3000';

/** What the SQL needs of a date rule (ingest/parse-date.ts infers the whole rule). */
export interface DateReading {
  patterns: DatePattern[];
  hasTime: boolean;
}

/**
 * A DuckDB expression reading `columnExpr` (any type; it is cast to text) as DATE, or TIMESTAMP
 * when the rule has times. Values that fit no pattern, or are not real dates (2024-02-30),
 * become NULL. Each pattern is guarded by the same regex as `parseDate`, because strptime alone
 * is laxer (it reads `99/1/5` as the year 99).
 */
export function dateRuleToSql(rule: DateReading, columnExpr: string): string {
  const text = `trim(CAST(${columnExpr} AS VARCHAR), ${str(TRIM)})`;
  const parts = rule.patterns.map((p) => {
    const spec = DATE_PATTERNS[p];
    const guard = `regexp_full_match(${text}, ${str(spec.regex)})`;
    if (p !== 'excel-serial') {
      return `CASE WHEN ${guard} THEN try_strptime(${text}, [${spec.formats.map(str).join(', ')}]) END`;
    }
    const serial = `TRY_CAST(${text} AS DOUBLE)`;
    return `CASE WHEN ${guard} AND ${serial} BETWEEN ${num(EXCEL_SERIAL_MIN)} AND ${num(EXCEL_SERIAL_MAX)} THEN TIMESTAMP '1899-12-30' + to_seconds(CAST(round(${serial} * 86400) AS BIGINT)) END`;
  });
  const timestamp =
    parts.length === 0
      ? 'CAST(NULL AS TIMESTAMP)'
      : parts.length === 1
        ? parts[0]!
        : `COALESCE(${parts.join(', ')})`;
  return rule.hasTime ? timestamp : `CAST(${timestamp} AS DATE)`;
}
