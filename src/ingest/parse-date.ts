import type { Labels } from '../domain/labels';
import {
  DATE_PATTERNS,
  EXCEL_EPOCH_MS,
  EXCEL_SERIAL_MAX,
  EXCEL_SERIAL_MIN,
  PATTERN_ORDER,
  type DatePattern,
} from '../domain/date-patterns';

/** How to read one column's dates, inferred from a sample of its values. */
export interface DateRule {
  /** The patterns the values use, tried in this order. */
  patterns: DatePattern[];
  /** Some values carry a time of day: the column becomes TIMESTAMP rather than DATE. */
  hasTime: boolean;
  /** Values like 01/02/2024 fit month-first and day-first alike; `patterns` holds the choice. */
  ambiguousOrder: boolean;
  /** Non-blank sample values. */
  total: number;
  parsed: number;
  unparsableCount: number;
  /** Up to five values that are not dates under this rule. */
  unparsable: string[];
}

export interface InferDateOptions {
  /** Read 01/02/2024 as 1 February when the values do not decide. Default: month-first. */
  dayFirst?: boolean;
}

const MAX_EXAMPLES = 5;
/** Trimmed the same way in JS and SQL, so both see the same text. */
const TRIM_RE = /^[ \t\r\n\u00a0\u3000]+|[ \t\r\n\u00a0\u3000]+$/g;
const NUMERIC_DMY = /^([0-9]{1,2})([/.-])([0-9]{1,2})\2[0-9]{4}/;
const MATCHERS = Object.fromEntries(
  Object.entries(DATE_PATTERNS).map(([k, spec]) => [k, new RegExp(`^(?:${spec.regex})$`)]),
) as Record<DatePattern, RegExp>;

/** Parses one value the way `dateRuleToSql` does in DuckDB (UTC; midnight when no time). */
export function parseDate(value: string | null | undefined, rule: DateRule): Date | null {
  const text = (value ?? '').replace(TRIM_RE, '');
  for (const pattern of rule.patterns) {
    const date = matchPattern(text, pattern);
    if (date) {
      if (!rule.hasTime) date.setUTCHours(0, 0, 0, 0);
      return date;
    }
  }
  return null;
}

/** Finds the date patterns a column uses, and whether d/m/y values are day- or month-first. */
export function inferDateRule(
  samples: readonly (string | null | undefined)[],
  options: InferDateOptions = {},
): DateRule {
  const values = samples.map((s) => (s ?? '').replace(TRIM_RE, '')).filter((s) => s !== '');
  let dayFirstVotes = 0;
  let monthFirstVotes = 0;
  let numericDmy = 0;
  for (const v of values) {
    const m = NUMERIC_DMY.exec(v);
    if (!m) continue;
    numericDmy++;
    const [a, b] = [Number(m[1]), Number(m[3])];
    if (a > 12 && b <= 12) dayFirstVotes++;
    if (b > 12 && a <= 12) monthFirstVotes++;
  }
  const dayFirst =
    dayFirstVotes !== monthFirstVotes ? dayFirstVotes > monthFirstVotes : !!options.dayFirst;
  const order = PATTERN_ORDER.map((p) => (p === 'mdy' && dayFirst ? 'dmy' : p));
  const patterns = order.filter((p) => values.some((v) => matchPattern(v, p)));
  const hasTime = values.some((v) => {
    const date = patterns.map((p) => matchPattern(v, p)).find((d) => d);
    return !!date && date.getTime() % 86_400_000 !== 0;
  });
  const rule: DateRule = {
    patterns,
    hasTime,
    ambiguousOrder: numericDmy > 0 && dayFirstVotes > 0 === monthFirstVotes > 0,
    total: values.length,
    parsed: 0,
    unparsableCount: 0,
    unparsable: [],
  };
  for (const v of values) {
    if (parseDate(v, rule)) rule.parsed++;
    else if (rule.unparsable.push(v) > MAX_EXAMPLES) rule.unparsable.pop();
  }
  rule.unparsableCount = rule.total - rule.parsed;
  return rule;
}

/** What the user should know about a column's dates: the day/month choice and the misfits. */
export function describeDateRule(rule: DateRule, column: string): Labels[] {
  const notes: Labels[] = [];
  if (rule.ambiguousOrder) {
    const dayFirst = rule.patterns.includes('dmy');
    notes.push({
      en: `Column "${column}": dates like 01/02/2024 could be 1 February or 2 January; they are read as ${dayFirst ? 'day/month/year' : 'month/day/year'}. Switch the order if that is wrong.`,
      zh: `“${column}”列：01/02/2024 这样的日期既可能是 2 月 1 日也可能是 1 月 2 日，当前按${dayFirst ? '日/月/年' : '月/日/年'}读取。如有误请切换顺序。`,
    });
  }
  if (rule.unparsableCount > 0) {
    const examples = rule.unparsable.map((v) => `"${v}"`).join(', ');
    notes.push({
      en: `Column "${column}": ${rule.unparsableCount} of ${rule.total} values are not dates (e.g. ${examples}) and will be empty. Fix them in the file or choose another column.`,
      zh: `“${column}”列：${rule.total} 个值中有 ${rule.unparsableCount} 个不是日期（例如 ${examples}），将被置为空。请在文件中更正或换一列。`,
    });
  }
  return notes;
}

function matchPattern(text: string, pattern: DatePattern): Date | null {
  const m = MATCHERS[pattern].exec(text);
  if (!m) return null;
  if (pattern === 'excel-serial') {
    const serial = Number(text);
    if (serial < EXCEL_SERIAL_MIN || serial > EXCEL_SERIAL_MAX) return null;
    return new Date(EXCEL_EPOCH_MS + Math.round(serial * 86400) * 1000);
  }
  if ((pattern === 'mdy' || pattern === 'dmy') && !NUMERIC_DMY.test(text)) return null;
  const [yi, mi, di] = DATE_PATTERNS[pattern].order;
  const [y, mo, d] = [Number(m[yi]), Number(m[mi]), Number(m[di])];
  const [h, mi2, s, frac] = [Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[8] ?? 0), m[10] ?? ''];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi2 > 59 || s > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  if (date.getUTCDate() !== d) return null;
  date.setUTCHours(h, mi2, s, Number(frac.padEnd(3, '0').slice(0, 3)));
  return date;
}
