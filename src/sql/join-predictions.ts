import { LocalizedError } from '../domain/localized-error';
import { ident, str } from './quote';

/**
 * The model columns a Predict cell adds to the features, all DOUBLE; the _low and _high ones are
 * 90% bootstrap intervals (src/model/clv/customer-intervals.ts).
 */
export const PREDICTION_COLUMNS = [
  'p_alive',
  'expected_purchases',
  'expected_spend',
  'predicted_clv',
  'expected_purchases_low',
  'expected_purchases_high',
  'predicted_clv_low',
  'predicted_clv_high',
] as const;

/**
 * One statement replacing the features table with itself LEFT JOINed to a predictions table
 * (customer_id VARCHAR plus PREDICTION_COLUMNS). Prediction columns the features already have
 * are replaced, so it can run again after a new fit. Customers without a prediction get NULLs,
 * as do NaN and infinite values. Ids match after trimming, as src/sql/features.ts trims them;
 * should two predictions share an id that way, the one with the smallest raw id is kept, so the
 * features keep exactly one row per customer.
 */
export function joinPredictionsSql(features: string, predictions: string): string {
  for (const [what, name] of [
    ['features', features],
    ['predictions', predictions],
  ] as const) {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new LocalizedError({
        en: `The ${what} table name is empty.`,
        zh: `${what === 'features' ? '特征' : '预测'}表名称为空。`,
      });
    }
  }
  const replaced = PREDICTION_COLUMNS.map(str).join(', ');
  const values = PREDICTION_COLUMNS.map(
    (c) =>
      `  CASE WHEN isfinite(p.${ident(c)}) THEN CAST(p.${ident(c)} AS DOUBLE) END AS ${ident(c)}`,
  );
  const key = 'trim(CAST(customer_id AS VARCHAR))';
  // EXCLUDE fails for a column that is not there; a COLUMNS filter does not. Subqueries, not
  // CTEs, so no CTE name can shadow either table.
  return `CREATE OR REPLACE TABLE ${ident(features)} AS
SELECT
  f.*,
${values.join(',\n')}
FROM (SELECT COLUMNS(lambda c: lower(c) NOT IN (${replaced})) FROM ${ident(features)}) AS f
LEFT JOIN (
  SELECT ${key} AS customer_key, *
  FROM ${ident(predictions)}
  QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY customer_id) = 1
) AS p ON p.customer_key = CAST(f.customer_id AS VARCHAR)`;
}
