import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, presetById } from '../../../../src/model/presets/index';
import { NodeEngine } from '../../../support/node-engine';
import { createFeatures } from '../../../support/features-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createFeatures(engine, [
    {
      customer_id: 'a',
      monetary: 900,
      frequency: 5,
      purchase_days: 5,
      avg_interpurchase_days: 20,
      province: '广东',
    },
    {
      customer_id: 'b',
      monetary: 120,
      frequency: 2,
      purchase_days: 2,
      avg_interpurchase_days: 60,
      recency_days: 200,
    },
    { customer_id: 'c', monetary: 40, customer_type: 'B2B', country: 'Japan' },
    { customer_id: 'd', is_prospect: true },
  ]);
});
afterAll(() => engine.close());

describe('preset registry', () => {
  it('lists every preset once, RFM included', () => {
    const ids = PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'rfm',
        'value-tiers',
        'lifecycle',
        'purchase-behaviour',
        'value-loyalty',
        'needs',
        'geography',
        'customer-type',
      ]),
    );
    expect(presetById('lifecycle').id).toBe('lifecycle');
    expect(() => presetById('nope')).toThrow(/未知的分群模板/);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s: defaults are valid, every form field has a default, segments are bilingual',
    (_id, preset) => {
      const defaults = preset.defaults() as Record<string, unknown>;
      expect(preset.validate(defaults)).toEqual([]);
      for (const spec of preset.params) expect(defaults).toHaveProperty(spec.key);
      const segments = preset.segments(defaults);
      for (const lang of ['en', 'zh'] as const) {
        const labels = segments.map((s) => s.label[lang]);
        expect(new Set(labels).size).toBe(labels.length);
        for (const s of segments) expect(s.strategy[lang].length).toBeGreaterThan(0);
      }
      expect(preset.label.en && preset.label.zh && preset.description.zh).toBeTruthy();
    },
  );

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s: default SQL puts every customer in one of its segments',
    async (_id, preset) => {
      const defaults = preset.defaults();
      const sql = preset.toSql(defaults, {
        features: 'features',
        asOf: '2024-06-30',
        lang: 'zh-CN',
      });
      const { rows } = await engine.query(sql);
      const known = new Set(preset.segments(defaults).map((s) => s.label.zh));
      expect(rows.map((r) => r.customer_id).sort()).toEqual(['a', 'b', 'c', 'd']);
      for (const r of rows) expect(known).toContain(r.segment);
    },
  );
});
