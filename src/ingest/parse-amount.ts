import type { Labels } from '../domain/labels';
import { FULL_WIDTH, HALF_WIDTH, NOISE, VALID } from '../domain/amount-patterns';

/** How to read one column's money amounts, inferred from a sample of its values. */
export interface AmountRule {
  /** The decimal separator; the other of `.` and `,` is taken as a thousands separator. */
  decimal: '.' | ',';
  /** Values like 1,234 or 1.234 fit both separators and nothing else in the sample decides. */
  ambiguousDecimal: boolean;
  /** Some values end in %: they are divided by 100. */
  percent: boolean;
  /** Currency marks seen (¥, $, RMB, 元 ...), upper-cased; they are dropped. */
  currencies: string[];
  total: number;
  parsed: number;
  unparsableCount: number;
  unparsable: string[];
}

export interface InferAmountOptions {
  /** Use this decimal separator when the values do not decide. Default `.`. */
  decimal?: '.' | ',';
}

const MAX_EXAMPLES = 5;
const CURRENCY = /RMB|CNY|USD|EUR|GBP|HKD|[¥￥$£€元]/gi;
const VALID_JS = { '.': new RegExp(`^(?:${VALID['.']})$`), ',': new RegExp(`^(?:${VALID[',']})$`) };

/** Parses one value the way `amountRuleToSql` does in DuckDB: `(1.234,50 €)` -> -1234.5. */
export function parseAmount(value: string | null | undefined, rule: AmountRule): number | null {
  const wide = halfWidth(value ?? '');
  const text = wide.replace(new RegExp(NOISE, 'gi'), '').replaceAll('%', '');
  if (!VALID_JS[rule.decimal].test(text)) return null;
  const core = text.replace(rule.decimal === '.' ? /[()+,]/g : /[()+.]/g, '').replace(',', '.');
  return ((text.startsWith('(') ? -1 : 1) * Number(core)) / (wide.includes('%') ? 100 : 1);
}

/** Finds the decimal separator of a column of amounts, and which values do not read as numbers. */
export function inferAmountRule(
  samples: readonly (string | null | undefined)[],
  options: InferAmountOptions = {},
): AmountRule {
  const values = samples.map((s) => (s ?? '').trim()).filter((s) => s !== '');
  const votes = { '.': 0, ',': 0 };
  let ambiguous = 0;
  const currencies = new Set<string>();
  for (const v of values) {
    for (const c of v.match(CURRENCY) ?? []) currencies.add(c.toUpperCase());
    const t = halfWidth(v)
      .replace(new RegExp(NOISE, 'gi'), '')
      .replace(/[-+()%]/g, '');
    const dot = t.lastIndexOf('.');
    const comma = t.lastIndexOf(',');
    if (dot >= 0 && comma >= 0) votes[dot > comma ? '.' : ',']++;
    else if (comma >= 0 || dot >= 0) {
      const sep = comma >= 0 ? ',' : '.';
      const other = sep === ',' ? '.' : ',';
      if (new RegExp(`^[0-9]{1,3}([${sep}][0-9]{3})+$`).test(t)) ambiguous++;
      else votes[t.split(sep).length > 2 ? other : sep]++;
    }
  }
  const decimal =
    votes['.'] !== votes[','] ? (votes[','] > votes['.'] ? ',' : '.') : (options.decimal ?? '.');
  const rule: AmountRule = {
    decimal,
    ambiguousDecimal: ambiguous > 0 && votes['.'] === 0 && votes[','] === 0,
    percent: values.some((v) => halfWidth(v).includes('%')),
    currencies: [...currencies],
    total: values.length,
    parsed: 0,
    unparsableCount: 0,
    unparsable: [],
  };
  for (const v of values) {
    if (parseAmount(v, rule) !== null) rule.parsed++;
    else if (rule.unparsable.push(v) > MAX_EXAMPLES) rule.unparsable.pop();
  }
  rule.unparsableCount = rule.total - rule.parsed;
  return rule;
}

/** What the user should know about a column's amounts: the separator choice and the misfits. */
export function describeAmountRule(rule: AmountRule, column: string): Labels[] {
  const notes: Labels[] = [];
  if (rule.ambiguousDecimal) {
    const comma = rule.decimal === ',';
    notes.push({
      en: `Column "${column}": values like 1,234 could be read with "," or "." as the decimal point; "${rule.decimal}" is used (1,234 = ${comma ? '1.234' : 'one thousand two hundred thirty-four'}). Switch it if that is wrong.`,
      zh: `“${column}”列：1,234 这样的值既可能以“,”也可能以“.”作小数点，当前以“${rule.decimal}”作小数点（1,234 = ${comma ? '1.234' : '一千二百三十四'}）。如有误请切换。`,
    });
  }
  if (rule.unparsableCount > 0) {
    const examples = rule.unparsable.map((v) => `"${v}"`).join(', ');
    notes.push({
      en: `Column "${column}": ${rule.unparsableCount} of ${rule.total} values are not amounts (e.g. ${examples}) and will be empty. Fix them in the file or choose another column.`,
      zh: `“${column}”列：${rule.total} 个值中有 ${rule.unparsableCount} 个不是金额（例如 ${examples}），将被置为空。请在文件中更正或换一列。`,
    });
  }
  return notes;
}

function halfWidth(value: string): string {
  let out = '';
  for (const ch of value) {
    const i = FULL_WIDTH.indexOf(ch);
    out += i >= 0 ? HALF_WIDTH[i] : ch;
  }
  return out;
}
