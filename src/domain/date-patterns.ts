/** A way dates are written. `mdy` and `dmy` look alike; the column's values decide which. */
export type DatePattern =
  'ymd-dash' | 'ymd-slash' | 'ymd-dot' | 'ymd-cjk' | 'ymd-compact' | 'mdy' | 'dmy' | 'excel-serial';

export interface DatePatternSpec {
  /** Matches the whole trimmed value; written so JS and DuckDB's RE2 read it the same way. */
  regex: string;
  /** DuckDB strptime formats; none for Excel serials, which are arithmetic. */
  formats: string[];
  /** Capture groups holding year, month, day; hour, minute, second, fraction follow the date. */
  order: [year: number, month: number, day: number];
  example: string;
}

const TIME = '( ([0-9]{1,2}):([0-9]{2})(:([0-9]{2})([.]([0-9]{1,6}))?)?)?';
const ISO_TIME = '([ T]([0-9]{1,2}):([0-9]{2})(:([0-9]{2})([.]([0-9]{1,6}))?)?)?';

function withTimes(date: string, separators: string[]): string[] {
  const times = ['%H:%M', '%H:%M:%S', '%H:%M:%S.%f'];
  return [date, ...separators.flatMap((sep) => times.map((t) => `${date}${sep}${t}`))];
}

export const DATE_PATTERNS: Record<DatePattern, DatePatternSpec> = {
  'ymd-dash': {
    regex: `([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})${ISO_TIME}`,
    formats: withTimes('%Y-%m-%d', [' ', 'T']),
    order: [1, 2, 3],
    example: '2024-01-05 10:00',
  },
  'ymd-slash': {
    regex: `([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})${TIME}`,
    formats: withTimes('%Y/%m/%d', [' ']),
    order: [1, 2, 3],
    example: '2024/1/5',
  },
  'ymd-dot': {
    regex: `([0-9]{4})[.]([0-9]{1,2})[.]([0-9]{1,2})${TIME}`,
    formats: withTimes('%Y.%m.%d', [' ']),
    order: [1, 2, 3],
    example: '2024.1.5',
  },
  'ymd-cjk': {
    regex: `([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日${TIME}`,
    formats: withTimes('%Y年%m月%d日', [' ']),
    order: [1, 2, 3],
    example: '2024年1月5日',
  },
  'ymd-compact': {
    regex: '((?:19|20)[0-9]{2})([0-9]{2})([0-9]{2})',
    formats: ['%Y%m%d'],
    order: [1, 2, 3],
    example: '20240105',
  },
  mdy: {
    regex: `([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})${TIME}`,
    formats: ['/', '-', '.'].flatMap((s) => withTimes(`%m${s}%d${s}%Y`, [' '])),
    order: [3, 1, 2],
    example: '1/5/2024',
  },
  dmy: {
    regex: `([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})${TIME}`,
    formats: ['/', '-', '.'].flatMap((s) => withTimes(`%d${s}%m${s}%Y`, [' '])),
    order: [3, 2, 1],
    example: '5/1/2024',
  },
  'excel-serial': {
    regex: '[0-9]{5}([.][0-9]+)?',
    formats: [],
    order: [0, 0, 0],
    example: '45296',
  },
};

/** Excel counts days from 1899-12-30 (so that its 1900 leap-year bug works out after March 1900). */
export const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Serials in this range are 1954..2119: dates, not counts or amounts. */
export const EXCEL_SERIAL_MIN = 20000;
export const EXCEL_SERIAL_MAX = 80000;

/** Tries patterns in this order; a value matches at most one besides the mdy/dmy pair. */
export const PATTERN_ORDER: DatePattern[] = [
  'ymd-dash',
  'ymd-slash',
  'ymd-dot',
  'ymd-cjk',
  'ymd-compact',
  'mdy',
  'excel-serial',
];
