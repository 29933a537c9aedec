import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinPredictionsSql, PREDICTION_COLUMNS } from '../../../src/sql/join-predictions';
import { NodeEngine } from '../../support/node-engine';
import { createFeatures, FEATURE_COLUMNS } from '../../support/features-fixture';

let engine: NodeEngine;
const FEATURES = 'feat "x"';
const PREDICTIONS = "pred'; --";

beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

async function predictions(values: string): Promise<void> {
  await engine.exec(`CREATE OR REPLACE TABLE "pred'; --" (customer_id VARCHAR, p_alive DOUBLE,
    expected_purchases DOUBLE, expected_spend DOUBLE, predicted_clv DOUBLE,
    expected_purchases_low DOUBLE, expected_purchases_high DOUBLE,
    predicted_clv_low DOUBLE, predicted_clv_high DOUBLE);
    INSERT INTO "pred'; --" VALUES ${values}`);
}

async function features(): Promise<Record<string, Record<string, unknown>>> {
  const { rows } = await engine.query(
    `SELECT customer_id, ${PREDICTION_COLUMNS.join(', ')} FROM "feat ""x"""`,
  );
  return Object.fromEntries(rows.map(({ customer_id, ...rest }) => [String(customer_id), rest]));
}

type N = number | null;
const scores = (
  p: N,
  e: N,
  s: N,
  clv: N,
  [eLow, eHigh, cLow, cHigh]: N[] = [null, null, null, null],
) => ({
  p_alive: p,
  expected_purchases: e,
  expected_spend: s,
  predicted_clv: clv,
  expected_purchases_low: eLow,
  expected_purchases_high: eHigh,
  predicted_clv_low: cLow,
  predicted_clv_high: cHigh,
});

describe('joinPredictionsSql', () => {
  it('adds the prediction columns, NULL where there is no prediction or it is not finite', async () => {
    await createFeatures(
      engine,
      [
        { customer_id: 'a', monetary: 100 },
        { customer_id: 'b', monetary: 50 },
        { customer_id: 'c', monetary: 10 },
        { customer_id: 'p', is_prospect: true },
      ],
      FEATURES,
    );
    await predictions(`('a', 0.9, 1.5, 20, 30, 1.1, 2.0, 22, 41),
      ('b', 'NaN', 0.5, 'inf', NULL, 0.2, 0.9, NULL, 'inf'),
      (' c ', 0.25, 0.1, 12, 1.2, 0.05, 0.2, 0.6, 2.5), ('gone', 0.5, 1, 1, 1, 1, 1, 1, 1)`);
    await engine.exec(joinPredictionsSql(FEATURES, PREDICTIONS));
    const { columns } = await engine.query('SELECT * FROM "feat ""x""" LIMIT 0');
    expect(columns.map((c) => c.name)).toEqual([
      ...Object.keys(FEATURE_COLUMNS),
      ...PREDICTION_COLUMNS,
    ]);
    expect(columns.slice(-8).map((c) => c.type)).toEqual(Array(8).fill('Float64'));
    expect(await features()).toEqual({
      a: scores(0.9, 1.5, 20, 30, [1.1, 2.0, 22, 41]),
      b: scores(null, 0.5, null, null, [0.2, 0.9, null, null]),
      c: scores(0.25, 0.1, 12, 1.2, [0.05, 0.2, 0.6, 2.5]), // ' c ' matches after trimming, as features trim ids
      p: scores(null, null, null, null),
    });
    const { rows } = await engine.query(
      'SELECT monetary FROM "feat ""x""" WHERE customer_id = \'a\'',
    );
    expect(rows).toEqual([{ monetary: 100 }]);
  });

  it('replaces the columns when run again, keeping one row per customer', async () => {
    // 'c' and ' c ' are one customer once trimmed: the smallest raw id (' c ') wins.
    await predictions(`('a', 0.1, 0.2, 3, 4, 0.1, 0.3, 2, 6), ('c', 0.5, 0.5, 5, 5, 0, 1, 1, 9),
      (' c ', 0.7, 0.7, 7, 7, 0.6, 0.8, 6, 8)`);
    await engine.exec(joinPredictionsSql(FEATURES, PREDICTIONS));
    const { columns } = await engine.query('SELECT * FROM "feat ""x""" LIMIT 0');
    expect(columns).toHaveLength(Object.keys(FEATURE_COLUMNS).length + 8);
    expect(await features()).toEqual({
      a: scores(0.1, 0.2, 3, 4, [0.1, 0.3, 2, 6]),
      b: scores(null, null, null, null),
      c: scores(0.7, 0.7, 7, 7, [0.6, 0.8, 6, 8]),
      p: scores(null, null, null, null),
    });
  });

  it('refuses empty table names', () => {
    expect(() => joinPredictionsSql(' ', PREDICTIONS)).toThrow(/特征表名称为空/);
    expect(() => joinPredictionsSql(FEATURES, '')).toThrow(/predictions table name is empty/);
  });
});
