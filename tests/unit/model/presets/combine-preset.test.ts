import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combinePreset } from '../../../../src/model/presets/combine-preset';
import { NodeEngine } from '../../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(
    `CREATE TABLE tiers AS SELECT * FROM (VALUES ('1', 'VIP'), ('2', 'Ordinary'), ('3', 'VIP')) t(customer_id, segment)`,
  );
  await engine.exec(
    `CREATE TABLE life AS SELECT * FROM (VALUES ('1', 'Loyal'), ('2', 'Churned')) t(customer_id, segment)`,
  );
});
afterAll(() => engine.close());

const ctx = { features: 'f', asOf: '2025-01-01', lang: 'zh-CN' as const };

describe('combine preset', () => {
  it('crosses two segmentation results, keeping customers on one side only', async () => {
    const { rows } = await engine.query(
      `SELECT customer_id, segment FROM (${combinePreset.toSql({ left: 'tiers', right: 'life' }, ctx)}) ORDER BY customer_id`,
    );
    expect(rows).toEqual([
      { customer_id: '1', segment: 'VIP × Loyal' },
      { customer_id: '2', segment: 'Ordinary × Churned' },
      { customer_id: '3', segment: 'VIP × （无）' },
    ]);
  });

  it('asks for two different segmentations', () => {
    expect(combinePreset.validate({ left: '', right: 'life' }).map((e) => e.key)).toEqual(['left']);
    expect(combinePreset.validate({ left: 'life', right: 'LIFE' })[0]?.message.en).toBe(
      'Choose two different segmentations.',
    );
    expect(() => combinePreset.toSql({ left: 'a', right: 'a' }, ctx)).toThrow(/two different/);
  });
});
