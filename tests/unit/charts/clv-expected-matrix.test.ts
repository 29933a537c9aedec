import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { expectedMatrixSpec } from '../../../src/charts/clv-expected-matrix';
import { expectedMatrix } from '../../../src/model/clv/expected-matrix';
import { renderVegaLite, type SceneNode } from '../../support/render-vega';

type Item = SceneNode & { x?: number; y?: number; x2?: number; width?: number; fill?: string };

const SUMMARY = {
  frequency: Float64Array.of(0, 1, 2, 3, 3),
  recency: Float64Array.of(0, 5, 10, 20, 30),
  T: Float64Array.of(10, 20, 40, 30, 40),
  monetaryValue: new Float64Array(5),
};

describe('expectedMatrixSpec', () => {
  it('fills one cell per (frequency, recency slice), coloured by expected purchases', async () => {
    // BG/NBD with a = 2, b = 1, r = 1, alpha = 1: for x >= 1, by hand (Fader et al. 2005, eq. 10),
    // E[Y(t) | x, t_x, T] = (a+b+x-1)/(a-1) (1 - ((1+T)/(1+T+t))^(1+x) 2F1(1+x, 1+x; 2+x; z))
    //   / (1 + 2/x ((1+T)/(1+t_x))^(1+x)), with z = t/(1+T+t). For x = 1, 2F1(2, 2; 3; z) =
    //   2 (z/(1-z) + ln(1-z)) / z^2 (closed form).
    const params = { r: 1, alpha: 1, a: 2, b: 1 };
    const matrix = expectedMatrix({ model: 'bgnbd', params }, SUMMARY, 10, 4);
    const r = await renderVegaLite({
      ...expectedMatrixSpec(matrix, 'en'),
      width: 600,
    } as TopLevelSpec);
    expect(r.problems).toEqual([]);
    const cells = r.items('rect') as Item[];
    expect(cells).toHaveLength(12);
    const T = 40;
    const t = 10;
    const z = t / (1 + T + t);
    const f21 = (2 * (z / (1 - z) + Math.log(1 - z))) / z ** 2;
    const hand = (tx: number) =>
      (((2 + 1 + 1 - 1) / (2 - 1)) * (1 - ((1 + T) / (1 + T + t)) ** 2 * f21)) /
      (1 + 2 * ((1 + T) / (1 + tx)) ** 2);
    const cell = cells.find((c) => c.datum?.frequency === 1 && c.datum?.recency === 35)!;
    expect(cell.datum?.expected).toBeCloseTo(hand(35), 10);
    const color = r.view.scale('color') as (v: number) => string;
    expect(cell.fill).toBe(color(hand(35)));
    const x = r.view.scale('x') as (v: number) => number;
    expect(cell.x).toBeCloseTo(x(30), 6);
    expect(r.texts('title-text')).toEqual(['Expected purchases by repeat purchases and recency']);
    expect(r.texts('title-subtitle')[0]).toBe(
      'Purchases expected in the next 10 weeks, for customers first buying 40 weeks before the end of the data.',
    );
    expect(r.texts('legend-title')).toEqual(['Expected purchases']);
    expect(r.textItems().every((item) => (item.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('speaks Chinese in days', async () => {
    const matrix = expectedMatrix(
      { model: 'bgnbd', params: { r: 1, alpha: 1, a: 2, b: 1 } },
      SUMMARY,
      30,
      4,
    );
    const r = await renderVegaLite(expectedMatrixSpec(matrix, 'zh-CN', 'days'));
    expect(r.problems).toEqual([]);
    expect(r.texts('title-text')).toEqual(['按复购次数与最近购买时间的期望购买次数']);
    expect(r.texts('title-subtitle')[0]).toMatch(
      /^未来 30 天内的期望购买次数，针对在数据结束前 40 天/,
    );
    expect(r.texts('axis-title')).toEqual(
      expect.arrayContaining(['首次到最后一次购买的天数（最近购买）', '复购次数']),
    );
  });
});
