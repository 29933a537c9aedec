import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { clvIntervalsSpec, topClvIntervals } from '../../../src/charts/clv-intervals';
import { renderVegaLite, type SceneNode } from '../../support/render-vega';

const sized = (spec: TopLevelSpec) => renderVegaLite({ ...spec, width: 600 } as TopLevelSpec);

type Item = SceneNode & { x?: number; x2?: number; y?: number; tooltip?: unknown };

const IDS = ['a', 'b', 'c', 'd', 'e'];
const CLV = [120, Number.NaN, 300, 80, 300];
const LOW = [100, 1, 250, 60, 200];
const HIGH = [150, 2, 380, Number.POSITIVE_INFINITY, 420];

describe('topClvIntervals', () => {
  it('keeps customers with a finite estimate and interval, highest CLV first', () => {
    expect(topClvIntervals(IDS, CLV, LOW, HIGH, 3)).toEqual([
      { customer: 'c', clv: 300, low: 250, high: 380 },
      { customer: 'e', clv: 300, low: 200, high: 420 },
      { customer: 'a', clv: 120, low: 100, high: 150 },
    ]);
  });
});

describe('topClvIntervals on many customers', () => {
  it('picks the same top as sorting everyone', () => {
    // A scrambled CLV per customer: (i * 7919) mod 10007, every value distinct.
    const n = 10_007;
    const ids = Array.from({ length: n }, (_, i) => `k${i}`);
    const clv = Float64Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const top = topClvIntervals(ids, clv, clv, clv, 5);
    expect(top.map((r) => r.clv)).toEqual([10006, 10005, 10004, 10003, 10002]);
    expect(top[0]!.customer).toBe(ids[Array.from(clv).indexOf(10006)]);
  });
});

describe('clvIntervalsSpec', () => {
  it('draws each interval as a rule from 5% to 95% and the estimate as a dot', async () => {
    const rows = topClvIntervals(IDS, CLV, LOW, HIGH, 10);
    const r = await sized(clvIntervalsSpec(rows, 200, 'en'));
    expect(r.problems).toEqual([]);
    const x = r.view.scale('x') as (v: number) => number;
    const y = r.view.scale('y') as (v: string) => number;
    const rules = r.items('rule') as Item[];
    expect(rules).toHaveLength(3);
    const e = rules.find((i) => i.datum?.customer === 'e')!;
    expect(e.x).toBeCloseTo(x(200), 6);
    expect(e.x2).toBeCloseTo(x(420), 6);
    const dots = r.items('symbol') as Item[];
    expect(dots.find((d) => d.datum?.customer === 'a')!.x).toBeCloseTo(x(120), 6);
    // Highest first, from the top.
    expect(y('c')).toBeLessThan(y('e'));
    expect(y('e')).toBeLessThan(y('a'));
    expect(e.tooltip).toEqual({ Customer: 'e', 'Predicted CLV': '300', '5%': '200', '95%': '420' });
    expect(r.texts('title-text')).toEqual([
      'Predicted CLV of the 3 most valuable customers, with 90% intervals',
    ]);
    expect(r.texts('title-subtitle')[0]).toMatch(/of 200 parameter draws/);
  });

  it('speaks Chinese', async () => {
    const r = await renderVegaLite(
      clvIntervalsSpec(topClvIntervals(IDS, CLV, LOW, HIGH, 2), 200, 'zh-CN'),
    );
    expect(r.problems).toEqual([]);
    expect(r.texts('title-text')).toEqual(['预测价值最高的 2 位客户的客户终身价值及 90% 区间']);
    expect(r.texts('axis-title')).toEqual(expect.arrayContaining(['预测客户终身价值', '客户']));
  });
});
