import type { Labels } from './labels';

/** How to read a text column: as dates in these patterns, or as amounts. */
export type ConversionRule =
  | {
      to: 'date';
      /** Date patterns (see domain/date-patterns.ts), tried in order. */
      patterns: string[];
      /** Keep the time of day (TIMESTAMP) rather than the day only (DATE). */
      hasTime: boolean;
    }
  | { to: 'amount'; decimal: '.' | ',' };

/** Rows with a problem, as data: compiled to SQL late (sql/quality-filter.ts). */
export type RowFilter =
  | { test: 'blank'; column: string }
  | { test: 'unparsable'; column: string; as: 'date' | 'number' }
  | { test: 'negative' | 'zero' | 'not-positive'; column: string }
  | { test: 'prefix'; column: string; prefix: string }
  | { test: 'after' | 'before'; column: string; date: string }
  /** `column` (× `price` less `discount` when given: a derived amount) is above `value`. */
  | { test: 'above'; column: string; value: number; price?: string; discount?: string }
  | { test: 'orphan'; column: string; table: string; key: string }
  /**
   * Cancellation lines: `column` starts with `prefix` (an invoice number such as C536379), or
   * `quantity` is below 0. `column` is the order id when a prefix is given, else the quantity.
   */
  | { test: 'cancellation'; column: string; prefix?: string; quantity?: string };

/** What a cleaning step does, before it has an id. */
export type CleaningStepInit =
  | { kind: 'convert'; column: string; rule: ConversionRule }
  | { kind: 'exclude'; filter: RowFilter }
  | { kind: 'dedupe-rows' }
  | { kind: 'dedupe-key'; column: string }
  | { kind: 'net-refunds'; customer: string; amount: string }
  /**
   * Cancellation lines (`filter`) go, and each one's value comes off the purchases of the same
   * customer (and `product`, when mapped) in proportion; see sql/cleaning.ts. `column`
   * is rewritten: the amount, or the quantity when the amount is quantity × `price`.
   */
  | {
      kind: 'net-cancellations';
      filter: RowFilter;
      customer: string;
      product?: string;
      column: string;
      price?: string;
    }
  /**
   * Keeps the first of rows equal in `columns` (and on the same day of `day`); rows blank in the
   * first column (the customer) or `day` are all kept.
   */
  | { kind: 'dedupe-columns'; columns: string[]; day?: string };

/**
 * One visible, reversible change to a loaded table. The table's original stays as
 * `<table>__raw`; the steps, in order, produce the cleaned table from it.
 */
export type CleaningStep = CleaningStepInit & { id: string };

let counter = 0;

export function newStepId(): string {
  counter = (counter + 1) % 1_000_000;
  return `s${Date.now().toString(36)}${counter.toString(36)}`;
}

const PATTERN_LABELS: Record<string, Labels> = {
  'ymd-dash': { en: 'YYYY-MM-DD', zh: 'YYYY-MM-DD' },
  'ymd-slash': { en: 'YYYY/M/D', zh: 'YYYY/M/D' },
  'ymd-dot': { en: 'YYYY.M.D', zh: 'YYYY.M.D' },
  'ymd-cjk': { en: 'YYYY年M月D日', zh: 'YYYY年M月D日' },
  'ymd-compact': { en: 'YYYYMMDD', zh: 'YYYYMMDD' },
  mdy: { en: 'M/D/YYYY', zh: 'M/D/YYYY（月/日/年）' },
  dmy: { en: 'D/M/YYYY', zh: 'D/M/YYYY（日/月/年）' },
  'excel-serial': { en: 'Excel serial numbers', zh: 'Excel 日期序号' },
};

export function patternLabel(pattern: string): Labels {
  return PATTERN_LABELS[pattern] ?? { en: pattern, zh: pattern };
}

/** "dates in YYYY/M/D, YYYY年M月D日" or "amounts with "." as the decimal point". */
export function describeRule(rule: ConversionRule): Labels {
  if (rule.to === 'amount') {
    return rule.decimal === '.'
      ? { en: 'amounts with "." as the decimal point', zh: '金额（以“.”为小数点）' }
      : { en: 'amounts with "," as the decimal point', zh: '金额（以“,”为小数点）' };
  }
  const list = (lang: 'en' | 'zh') =>
    rule.patterns.map((p) => patternLabel(p)[lang]).join(lang === 'en' ? ', ' : '、');
  const time = rule.hasTime ? { en: ', with time of day', zh: '，含时间' } : { en: '', zh: '' };
  return { en: `dates in ${list('en')}${time.en}`, zh: `日期（${list('zh')}${time.zh}）` };
}

function describeFilter(f: RowFilter): Labels {
  const c = f.column;
  switch (f.test) {
    case 'blank':
      return { en: `"${c}" is empty`, zh: `“${c}”为空` };
    case 'unparsable':
      return f.as === 'date'
        ? { en: `"${c}" is not a date`, zh: `“${c}”不是日期` }
        : { en: `"${c}" is not a number`, zh: `“${c}”不是数字` };
    case 'negative':
      return { en: `"${c}" is below 0`, zh: `“${c}”小于 0` };
    case 'zero':
      return { en: `"${c}" is 0`, zh: `“${c}”等于 0` };
    case 'not-positive':
      return { en: `"${c}" is 0 or below`, zh: `“${c}”小于或等于 0` };
    case 'cancellation': {
      const q = f.quantity;
      const en = [f.prefix ? `"${c}" starts with "${f.prefix}"` : '', q ? `"${q}" is below 0` : ''];
      const zh = [f.prefix ? `“${c}”以“${f.prefix}”开头` : '', q ? `“${q}”小于 0` : ''];
      return {
        en: en.filter(Boolean).join(' or '),
        zh: zh.filter(Boolean).join('或'),
      };
    }
    case 'prefix':
      return { en: `"${c}" starts with "${f.prefix}"`, zh: `“${c}”以“${f.prefix}”开头` };
    case 'after':
      return { en: `"${c}" is after ${f.date}`, zh: `“${c}”晚于 ${f.date}` };
    case 'before':
      return { en: `"${c}" is before ${f.date}`, zh: `“${c}”早于 ${f.date}` };
    case 'above': {
      if (!f.price) return { en: `"${c}" is above ${f.value}`, zh: `“${c}”大于 ${f.value}` };
      const less = f.discount ? ` − "${f.discount}"` : '';
      const lessZh = f.discount ? ` − “${f.discount}”` : '';
      return {
        en: `"${c}" × "${f.price}"${less} is above ${f.value}`,
        zh: `“${c}” × “${f.price}”${lessZh}大于 ${f.value}`,
      };
    }
    case 'orphan':
      return {
        en: `"${c}" is not in ${f.table}.${f.key}`,
        zh: `“${c}”不在 ${f.table}.${f.key} 中`,
      };
  }
}

/** What a step does, in both languages, for the list of cleaning steps. */
export function describeStep(step: CleaningStepInit): Labels {
  switch (step.kind) {
    case 'convert': {
      const rule = describeRule(step.rule);
      return {
        en: `Read "${step.column}" as ${rule.en}`,
        zh: `将“${step.column}”读取为${rule.zh}`,
      };
    }
    case 'exclude': {
      const what = describeFilter(step.filter);
      return { en: `Exclude rows where ${what.en}`, zh: `排除${what.zh}的行` };
    }
    case 'dedupe-rows':
      return { en: 'Remove duplicate rows (keep the first)', zh: '删除重复行（保留第一行）' };
    case 'dedupe-key':
      return {
        en: `Keep the first row for each "${step.column}"`,
        zh: `每个“${step.column}”只保留第一行`,
      };
    case 'net-refunds':
      return {
        en: `Net refunds (negative "${step.amount}") against each "${step.customer}"'s purchases`,
        zh: `将退款（“${step.amount}”为负）从每个“${step.customer}”的消费中扣除`,
      };
    case 'net-cancellations': {
      const what = describeFilter(step.filter);
      const by = step.product
        ? {
            en: `"${step.customer}" and "${step.product}"`,
            zh: `“${step.customer}”和“${step.product}”`,
          }
        : { en: `"${step.customer}"`, zh: `“${step.customer}”` };
      return {
        en: `Net cancellations (${what.en}) against the purchases of the same ${by.en}`,
        zh: `将取消行（${what.zh}）从相同${by.zh}的购买中扣除`,
      };
    }
    case 'dedupe-columns': {
      const cols = step.columns.map((c) => `"${c}"`).join(', ');
      const colsZh = step.columns.map((c) => `“${c}”`).join('、');
      const day = step.day
        ? { en: ` on the same day of "${step.day}"`, zh: `且“${step.day}”为同一天` }
        : { en: '', zh: '' };
      return {
        en: `Remove rows with the same ${cols}${day.en} (keep the first)`,
        zh: `删除${colsZh}相同${day.zh}的行（保留第一行）`,
      };
    }
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v !== '';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parseRule(v: unknown): ConversionRule | null {
  if (!isObj(v)) return null;
  if (v.to === 'amount' && (v.decimal === '.' || v.decimal === ',')) {
    return { to: 'amount', decimal: v.decimal };
  }
  if (v.to === 'date' && Array.isArray(v.patterns) && v.patterns.every(isStr)) {
    return { to: 'date', patterns: v.patterns, hasTime: v.hasTime === true };
  }
  return null;
}

function parseFilter(v: unknown): RowFilter | null {
  if (!isObj(v) || !isStr(v.column)) return null;
  const column = v.column;
  switch (v.test) {
    case 'blank':
    case 'negative':
    case 'zero':
    case 'not-positive':
      return { test: v.test, column };
    case 'cancellation': {
      if (v.prefix !== undefined && !isStr(v.prefix)) return null;
      if (v.quantity !== undefined && !isStr(v.quantity)) return null;
      if (!isStr(v.prefix) && !isStr(v.quantity)) return null;
      return {
        test: v.test,
        column,
        ...(isStr(v.prefix) ? { prefix: v.prefix } : {}),
        ...(isStr(v.quantity) ? { quantity: v.quantity } : {}),
      };
    }
    case 'unparsable':
      return v.as === 'date' || v.as === 'number' ? { test: v.test, column, as: v.as } : null;
    case 'prefix':
      return isStr(v.prefix) ? { test: v.test, column, prefix: v.prefix } : null;
    case 'after':
    case 'before':
      return isStr(v.date) && DAY.test(v.date) ? { test: v.test, column, date: v.date } : null;
    case 'above': {
      if (typeof v.value !== 'number' || !Number.isFinite(v.value)) return null;
      if (v.price !== undefined && !isStr(v.price)) return null;
      if (v.discount !== undefined && !isStr(v.discount)) return null;
      return {
        test: v.test,
        column,
        value: v.value,
        ...(isStr(v.price) ? { price: v.price } : {}),
        ...(isStr(v.price) && isStr(v.discount) ? { discount: v.discount } : {}),
      };
    }
    case 'orphan':
      return isStr(v.table) && isStr(v.key)
        ? { test: v.test, column, table: v.table, key: v.key }
        : null;
    default:
      return null;
  }
}

/** A cleaning step read from a notebook file, or null when it is not one. */
export function parseStep(v: unknown): CleaningStep | null {
  if (!isObj(v) || !isStr(v.id)) return null;
  const id = v.id;
  switch (v.kind) {
    case 'convert': {
      const rule = parseRule(v.rule);
      return isStr(v.column) && rule ? { id, kind: 'convert', column: v.column, rule } : null;
    }
    case 'exclude': {
      const filter = parseFilter(v.filter);
      return filter ? { id, kind: 'exclude', filter } : null;
    }
    case 'dedupe-rows':
      return { id, kind: 'dedupe-rows' };
    case 'dedupe-key':
      return isStr(v.column) ? { id, kind: 'dedupe-key', column: v.column } : null;
    case 'net-refunds':
      return isStr(v.customer) && isStr(v.amount)
        ? { id, kind: 'net-refunds', customer: v.customer, amount: v.amount }
        : null;
    case 'net-cancellations': {
      const filter = parseFilter(v.filter);
      if (!filter || !isStr(v.customer) || !isStr(v.column)) return null;
      if (v.product !== undefined && !isStr(v.product)) return null;
      if (v.price !== undefined && !isStr(v.price)) return null;
      return {
        id,
        kind: 'net-cancellations',
        filter,
        customer: v.customer,
        column: v.column,
        ...(isStr(v.product) ? { product: v.product } : {}),
        ...(isStr(v.price) ? { price: v.price } : {}),
      };
    }
    case 'dedupe-columns': {
      const columns = v.columns;
      if (!Array.isArray(columns) || columns.length === 0 || !columns.every(isStr)) return null;
      if (v.day !== undefined && !isStr(v.day)) return null;
      return {
        id,
        kind: 'dedupe-columns',
        columns,
        ...(isStr(v.day) ? { day: v.day } : {}),
      };
    }
    default:
      return null;
  }
}
