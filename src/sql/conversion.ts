import type { ConversionRule } from '../domain/cleaning-step';
import { DATE_PATTERNS, type DatePattern } from '../domain/date-patterns';
import { amountRuleToSql } from './amount-rule';
import { dateRuleToSql } from './date-rule';
import { ident } from './quote';

/**
 * The DuckDB expression reading `columnExpr` by the rule (DATE/TIMESTAMP or DOUBLE; NULL if not).
 */
export function conversionSql(rule: ConversionRule, columnExpr: string): string {
  if (rule.to === 'amount') return amountRuleToSql({ decimal: rule.decimal }, columnExpr);
  const patterns = rule.patterns.filter((p): p is DatePattern => p in DATE_PATTERNS);
  return dateRuleToSql({ patterns, hasTime: rule.hasTime }, columnExpr);
}

/** `conversionSql` of the column named `column` of the table a query reads. */
export function columnConversionSql(rule: ConversionRule, column: string): string {
  return conversionSql(rule, ident(column));
}
