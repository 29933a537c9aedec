import { date, ident, literal } from '../../src/sql/quote';
import type { NodeEngine } from './node-engine';

/** The features table's columns and DuckDB types, as src/sql/features.ts builds them. */
export const FEATURE_COLUMNS = {
  customer_id: 'VARCHAR',
  is_prospect: 'BOOLEAN',
  first_order_date: 'DATE',
  last_order_date: 'DATE',
  recency_days: 'INTEGER',
  frequency: 'BIGINT',
  purchase_days: 'BIGINT',
  monetary: 'DOUBLE',
  avg_order_value: 'DOUBLE',
  max_order_value: 'DOUBLE',
  tenure_days: 'INTEGER',
  avg_interpurchase_days: 'DOUBLE',
  discount_share: 'DOUBLE',
  avg_unit_price: 'DOUBLE',
  top_brand_share: 'DOUBLE',
  category_count: 'BIGINT',
  complaint_count: 'BIGINT',
  referral_count: 'BIGINT',
  feedback_count: 'BIGINT',
  avg_satisfaction: 'DOUBLE',
  customer_name: 'VARCHAR',
  customer_type: 'VARCHAR',
  province: 'VARCHAR',
  city: 'VARCHAR',
  region: 'VARCHAR',
  country: 'VARCHAR',
  signup_date: 'DATE',
} as const;

export type FeatureColumn = keyof typeof FEATURE_COLUMNS;
type Value = string | number | boolean | null;
export type FeatureRow = { customer_id: string } & Partial<Record<FeatureColumn, Value>>;

/** Neutral values for a customer who ordered once; tests override only what they reason about. */
const BUYER: Record<FeatureColumn, Value> = {
  customer_id: '',
  is_prospect: false,
  first_order_date: '2024-01-01',
  last_order_date: '2024-01-01',
  recency_days: 30,
  frequency: 1,
  purchase_days: 1,
  monetary: 100,
  avg_order_value: 100,
  max_order_value: 100,
  tenure_days: 30,
  avg_interpurchase_days: null,
  discount_share: 0,
  avg_unit_price: 50,
  top_brand_share: 1,
  category_count: 1,
  complaint_count: 0,
  referral_count: 0,
  feedback_count: 0,
  avg_satisfaction: null,
  customer_name: null,
  customer_type: null,
  province: null,
  city: null,
  region: null,
  country: null,
  signup_date: null,
};

/** A customer without orders, as the features builder writes one. */
const PROSPECT: Partial<Record<FeatureColumn, Value>> = {
  is_prospect: true,
  first_order_date: null,
  last_order_date: null,
  recency_days: null,
  frequency: 0,
  purchase_days: 0,
  monetary: 0,
  avg_order_value: null,
  max_order_value: null,
  tenure_days: null,
  discount_share: null,
  avg_unit_price: null,
  top_brand_share: null,
  category_count: 0,
};

function cell(column: FeatureColumn, value: Value): string {
  const sqlValue =
    FEATURE_COLUMNS[column] === 'DATE' && typeof value === 'string' ? date(value) : literal(value);
  return `CAST(${sqlValue} AS ${FEATURE_COLUMNS[column]})`;
}

/** SQL creating a features table from compact rows (missing columns take buyer/prospect defaults). */
export function featuresTableSql(name: string, rows: FeatureRow[]): string {
  if (rows.length === 0) throw new Error('features fixture needs at least one row');
  const columns = Object.keys(FEATURE_COLUMNS) as FeatureColumn[];
  const tuples = rows.map((row) => {
    const full = { ...BUYER, ...(row.is_prospect ? PROSPECT : {}), ...row };
    return `(${columns.map((c) => cell(c, full[c] ?? null)).join(', ')})`;
  });
  return [
    `CREATE OR REPLACE TABLE ${ident(name)} AS SELECT *`,
    `FROM (VALUES ${tuples.join(',\n')}) t(${columns.map(ident).join(', ')})`,
  ].join('\n');
}

/** Creates the features table `name` on the engine. */
export async function createFeatures(
  engine: NodeEngine,
  rows: FeatureRow[],
  name = 'features',
): Promise<void> {
  await engine.exec(featuresTableSql(name, rows));
}

/** Runs a segmentation query and returns customer_id -> segment. */
export async function segmentsById(
  engine: NodeEngine,
  sql: string,
): Promise<Record<string, string>> {
  const { rows } = await engine.query(sql);
  return Object.fromEntries(rows.map((r) => [String(r.customer_id), String(r.segment)]));
}
