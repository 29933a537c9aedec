import { FULL_WIDTH, HALF_WIDTH, NOISE, VALID } from '../domain/amount-patterns';
import { str } from './quote';

/** What the SQL needs of an amount rule (ingest/parse-amount.ts infers the whole rule). */
export interface AmountReading {
  decimal: '.' | ',';
}

/**
 * A DuckDB DOUBLE expression reading `columnExpr` (cast to text) by the rule: full-width digits
 * folded, currency marks and spaces dropped, thousands separators removed, (12.50) negative,
 * 12% = 0.12. Anything else becomes NULL, exactly as `parseAmount` returns null.
 */
export function amountRuleToSql(rule: AmountReading, columnExpr: string): string {
  const wide = `translate(CAST(${columnExpr} AS VARCHAR), ${str(FULL_WIDTH)}, ${str(HALF_WIDTH)})`;
  const text = `replace(regexp_replace(${wide}, ${str(NOISE)}, '', 'gi'), '%', '')`;
  const strip = rule.decimal === '.' ? `'[()+,]'` : `'[()+.]'`;
  const core = `replace(regexp_replace(${text}, ${strip}, '', 'g'), ',', '.')`;
  const sign = `(CASE WHEN starts_with(${text}, '(') THEN -1 ELSE 1 END)`;
  const scale = `(CASE WHEN contains(${wide}, '%') THEN 100 ELSE 1 END)`;
  return `(CASE WHEN regexp_full_match(${text}, ${str(VALID[rule.decimal])}) THEN ${sign} * CAST(${core} AS DOUBLE) / ${scale} END)`;
}
