import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { aliveMatrixSpec, repeatHistogramSpec } from '../../../src/charts/clv-diagnostics';
import { aliveMatrix } from '../../../src/model/clv/alive-matrix';
import { repeatHistogram } from '../../../src/model/clv/repeat-histogram';
import { renderVegaLite, type SceneNode } from '../../support/render-vega';

const sized = (spec: TopLevelSpec) => renderVegaLite({ ...spec, width: 600 } as TopLevelSpec);

type Item = SceneNode & {
  x?: number;
  y?: number;
  x2?: number;
  y2?: number;
  width?: number;
  height?: number;
  fill?: string;
  tooltip?: unknown;
};

const FIT = { model: 'bgnbd' as const, params: { r: 1, alpha: 2, a: 1, b: 3 } };

/** Four customers: two without repeat purchases (T 2 and 4), one with 1, one with 9 (T 4). */
const SUMMARY = {
  frequency: Float64Array.of(0, 0, 1, 9),
  recency: Float64Array.of(0, 0, 1, 3),
  T: Float64Array.of(2, 4, 4, 4),
  monetaryValue: new Float64Array(4),
};

/*
 * BG/NBD P(X(t)=x) by hand for r = 1, alpha = 2, a = 1, b = 3: the NB is geometric,
 * NB(x) = (2/(2+t)) (t/(2+t))^x; B(1, 3+x)/B(1, 3) = 3/(3+x); B(2, 2+x)/B(1, 3) = 3/((3+x)(2+x)).
 * P(X=0) = 2/(2+t); P(X=1) = 3/4 NB(1) + 3/12 (1 - NB(0)).
 * t = 2: P0 = 1/2, P1 = 3/4 * 1/4 + 1/4 * 1/2 = 5/16.
 * t = 4: P0 = 1/3, P1 = 3/4 * 2/9 + 1/4 * 2/3 = 1/3.
 */
const P0 = { 2: 1 / 2, 4: 1 / 3 };
const P1 = { 2: 5 / 16, 4: 1 / 3 };

describe('repeatHistogramSpec', () => {
  it('draws counted customers beside the model’s expectation, heights in proportion', async () => {
    const rows = repeatHistogram(FIT, SUMMARY);
    const r = await sized(repeatHistogramSpec(rows, 'en'));
    expect(r.problems).toEqual([]);
    const bars = r.items('rect') as Item[];
    expect(bars).toHaveLength(16);
    const bar = (x: string, series: string) =>
      bars.find((b) => b.datum?.x === x && b.datum?.series === series)!;
    const y = r.view.scale('y') as (v: number) => number;
    expect(bar('0', 'Actual').y).toBeCloseTo(y(2), 6);
    expect(bar('7+', 'Actual').y).toBeCloseTo(y(1), 6);
    expect(bar('0', 'Model').y).toBeCloseTo(y(P0[2] + 3 * P0[4]), 6);
    expect(bar('1', 'Model').y).toBeCloseTo(y(P1[2] + 3 * P1[4]), 6);
    expect(bar('0', 'Actual').x!).toBeLessThan(bar('0', 'Model').x!);
    expect(bar('1', 'Model').fill).toBe('#f28e2b');
    expect(bar('1', 'Model').tooltip).toEqual({
      'Repeat purchases': '1',
      Actual: '1',
      Model: '1.31',
    });
    expect(r.texts('title-text')).toEqual(['Customers by repeat purchases, actual vs model']);
    expect(r.texts('axis-title')).toEqual(
      expect.arrayContaining(['Repeat purchases', 'Customers']),
    );
    expect(r.texts('legend-label')).toEqual(['Actual', 'Model']);
    expect(r.textItems().every((t) => (t.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('wraps its subtitle to the chart’s width, so a phone shows all of it', () => {
    const spec = repeatHistogramSpec(repeatHistogram(FIT, SUMMARY), 'en', 300) as {
      title: { subtitle: string[] };
    };
    expect(spec.title.subtitle.length).toBeGreaterThan(1);
    expect(spec.title.subtitle.join(' ')).toBe(
      'In-sample: the data the model was fitted on, each customer over their own time since the first purchase.',
    );
  });

  it('speaks Chinese', async () => {
    const r = await renderVegaLite(repeatHistogramSpec(repeatHistogram(FIT, SUMMARY), 'zh-CN'));
    expect(r.problems).toEqual([]);
    expect(r.texts('title-text')).toEqual(['按复购次数的客户数：实际与模型']);
    expect(r.texts('legend-label')).toEqual(['实际', '模型']);
  });
});

describe('aliveMatrixSpec', () => {
  it('fills one cell per (frequency, recency slice), darker where P(alive) is higher', async () => {
    const freq = [0, 1, 2, 3, 3];
    const summary = {
      frequency: Float64Array.from(freq),
      recency: Float64Array.of(0, 5, 10, 20, 30),
      T: Float64Array.of(10, 20, 40, 30, 40),
      monetaryValue: new Float64Array(5),
    };
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const matrix = aliveMatrix({ model: 'bgnbd', params }, summary, 4);
    const r = await sized(aliveMatrixSpec(matrix, 'en'));
    expect(r.problems).toEqual([]);
    const cells = r.items('rect') as Item[];
    expect(cells).toHaveLength(12);
    const x = r.view.scale('x') as (v: number) => number;
    const y = r.view.scale('y') as (v: number) => number;
    // Hand formula for x = 2, t_x = 35 (the last slice of [0, 40]): 0.7677.
    const cell = cells.find((c) => c.datum?.frequency === 2 && c.datum?.recency === 35)!;
    const hand = 1 / (1 + (0.793 / 3.426) * (44.414 / 39.414) ** 2.243);
    expect(cell.datum?.pAlive).toBeCloseTo(hand, 12);
    expect(cell.x).toBeCloseTo(x(30), 6);
    expect(cell.x2 ?? cell.x! + cell.width!).toBeCloseTo(x(40), 6);
    expect(Math.min(cell.y!, cell.y2 ?? cell.y! + cell.height!)).toBeCloseTo(y(2.5), 6);
    const color = r.view.scale('color') as (v: number) => string;
    expect(cell.fill).toBe(color(hand));
    expect(cell.tooltip).toEqual({
      'Repeat purchases': '2',
      'Weeks from first to last purchase (recency)': '35.0',
      'P(alive)': '76.8%',
    });
    expect(r.texts('title-subtitle')[0]).toMatch(/^For customers first buying 40 weeks before/);
  });

  it('speaks Chinese in days', async () => {
    const matrix = aliveMatrix(
      { model: 'bgnbd', params: { r: 1, alpha: 1, a: 1, b: 1 } },
      {
        frequency: Float64Array.of(2),
        recency: Float64Array.of(30),
        T: Float64Array.of(100),
        monetaryValue: new Float64Array(1),
      },
      5,
    );
    const r = await renderVegaLite(aliveMatrixSpec(matrix, 'zh-CN', 'days'));
    expect(r.problems).toEqual([]);
    expect(r.texts('title-text')).toEqual(['按复购次数与最近购买时间的存活概率']);
    expect(r.texts('axis-title')).toEqual(
      expect.arrayContaining(['首次到最后一次购买的天数（最近购买）', '复购次数']),
    );
    expect(r.texts('title-subtitle')[0]).toMatch(/^针对在数据结束前 100 天首次购买的客户/);
  });
});
