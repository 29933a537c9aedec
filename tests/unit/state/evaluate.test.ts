import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetById } from '../../../src/model/presets';
import { presetParams } from '../../../src/model/preset-params';
import { quadrant } from '../../../src/state/evaluate';
import { FEATURES_TABLE } from '../../../src/model/features-table';
import { createFeatures } from '../../support/features-fixture';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createFeatures(
    engine,
    [
      { customer_id: 'a', monetary: 500, frequency: 5 },
      { customer_id: 'b', monetary: 400, frequency: 1 },
      { customer_id: 'c', monetary: 50, frequency: 4 },
      { customer_id: 'd', monetary: 10, frequency: 1 },
    ],
    FEATURES_TABLE,
  );
});
afterAll(() => engine.close());

/** The value x loyalty preset's own SQL, split at custom thresholds, stored as `name`. */
async function valueLoyalty(name: string, valueCut: number, loyaltyCut: number, where = '') {
  const preset = presetById('value-loyalty');
  const params = { ...presetParams(preset, { params: {} }), split: 'custom', valueCut, loyaltyCut };
  const sql = preset.toSql(params, { features: FEATURES_TABLE, asOf: '2025-01-01', lang: 'en' });
  await engine.exec(`CREATE OR REPLACE TABLE ${name} AS SELECT * FROM (${sql}) ${where}`);
}

describe('quadrant', () => {
  it('reads the thresholds from the quadrant totals', async () => {
    await valueLoyalty('vl', 100, 2);
    const q = await quadrant(engine, 'vl');
    expect(q.valueThreshold).toBe(100);
    expect(q.loyaltyThreshold).toBe(2);
    expect(q.rows).toHaveLength(4);
    const cells = q.summary.map((r) => [r.high_value, r.high_loyalty, Number(r.customers)]);
    expect(cells).toEqual([
      [true, true, 1],
      [true, false, 1],
      [false, true, 1],
      [false, false, 1],
    ]);
    expect(q.summary.map((r) => Number(r.revenue))).toEqual([500, 400, 50, 10]);
  });

  it('has no thresholds for an empty result', async () => {
    await valueLoyalty('vl_empty', 100, 2, 'WHERE false');
    const q = await quadrant(engine, 'vl_empty');
    expect(q).toMatchObject({
      rows: [],
      summary: [],
      valueThreshold: null,
      loyaltyThreshold: null,
    });
  });
});
