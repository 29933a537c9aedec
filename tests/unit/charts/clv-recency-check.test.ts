import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { recencyCheckSpec } from '../../../src/charts/clv-recency-check';
import { recencyCheck } from '../../../src/model/clv/recency-check';
import { renderVegaLite, type SceneNode } from '../../support/render-vega';

type Item = SceneNode & { x?: number; y?: number; fill?: string; tooltip?: unknown };

// Max T 16, 8 slices of 2 weeks; one-time buyers apart.
const ROWS = recencyCheck(
  [0, 0, 1, 2, 5],
  [0, 0, 1, 3, 15],
  [10, 16, 8, 8, 16],
  [0, 1, 2, 0, 4],
  [0.25, 0.25, 1, 0.5, 3],
);

describe('recencyCheckSpec', () => {
  it('draws actual beside model for one-time buyers and each recency slice', async () => {
    const r = await renderVegaLite({ ...recencyCheckSpec(ROWS, 'en'), width: 600 } as TopLevelSpec);
    expect(r.problems).toEqual([]);
    const bars = r.items('rect') as Item[];
    expect(bars).toHaveLength(8);
    const bar = (group: string, series: string) =>
      bars.find((b) => b.datum?.group === group && b.datum?.series === series)!;
    const y = r.view.scale('y') as (v: number) => number;
    // No repeat: (0 + 1) / 2 actual, 0.25 model; [0, 2): 2 vs 1; [2, 4): 0 vs 0.5; [14, 16]: 4 vs 3.
    expect(bar('No repeat', 'Actual').y).toBeCloseTo(y(0.5), 6);
    expect(bar('No repeat', 'Model').y).toBeCloseTo(y(0.25), 6);
    expect(bar('0–2', 'Actual').y).toBeCloseTo(y(2), 6);
    expect(bar('2–4', 'Model').y).toBeCloseTo(y(0.5), 6);
    expect(bar('14–16', 'Actual').y).toBeCloseTo(y(4), 6);
    expect(bar('14–16', 'Model').fill).toBe('#f28e2b');
    const x = r.view.scale('x') as (v: string) => number;
    expect(x('No repeat')).toBeLessThan(x('0–2'));
    expect(x('2–4')).toBeLessThan(x('14–16'));
    expect(r.texts('axis-title')).toEqual(
      expect.arrayContaining([
        'Weeks from first to last calibration purchase',
        'Mean holdout purchases',
      ]),
    );
    expect(r.textItems().every((item) => (item.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('slants its labels when the groups are too narrow for "No repeat" and the ranges', () => {
    const axis = (width: number) =>
      (recencyCheckSpec(ROWS, 'en', 'weeks', width) as { encoding: { x: { axis: object } } })
        .encoding.x.axis;
    // Four groups: 125px each at 500px, 62.5px at 250px.
    expect(axis(500)).toEqual({ labelAngle: 0 });
    expect(axis(250)).toEqual({ labelAngle: -40, labelAlign: 'right' });
  });

  it('labels single periods alone and speaks Chinese', async () => {
    const rows = recencyCheck([1, 2], [1, 2], [3, 3], [1, 1], [0.5, 0.5]);
    const r = await renderVegaLite(recencyCheckSpec(rows, 'zh-CN', 'months'));
    expect(r.problems).toEqual([]);
    expect(r.texts('title-text')).toEqual(['验证期检验：按校准期最近购买时间分组']);
    expect(r.texts('axis-label')).toEqual(expect.arrayContaining(['1', '2']));
    expect(r.texts('axis-title')).toEqual(
      expect.arrayContaining(['校准期首次到最后一次购买的月数']),
    );
  });
});
