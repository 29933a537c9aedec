import type { ConversionRule } from '../domain/cleaning-step';
import { DATE_PATTERNS, type DatePattern } from '../domain/date-patterns';
import { parseAmount, type AmountRule } from './parse-amount';
import { parseDate, type DateRule } from './parse-date';

const NO_STATS = { total: 0, parsed: 0, unparsableCount: 0, unparsable: [] };

function dateRule(rule: Extract<ConversionRule, { to: 'date' }>): DateRule {
  const patterns = rule.patterns.filter((p): p is DatePattern => p in DATE_PATTERNS);
  return { patterns, hasTime: rule.hasTime, ambiguousOrder: false, ...NO_STATS };
}

function amountRule(rule: Extract<ConversionRule, { to: 'amount' }>): AmountRule {
  return {
    decimal: rule.decimal,
    ambiguousDecimal: false,
    percent: false,
    currencies: [],
    ...NO_STATS,
  };
}

/** What one value becomes under the rule, as the SQL would give it, written out; null if unread. */
export function previewConversion(rule: ConversionRule, value: string): string | null {
  if (rule.to === 'amount') {
    const n = parseAmount(value, amountRule(rule));
    return n === null ? null : String(n);
  }
  const d = parseDate(value, dateRule(rule));
  if (!d) return null;
  const iso = d.toISOString();
  return rule.hasTime ? iso.slice(0, 19).replace('T', ' ') : iso.slice(0, 10);
}
