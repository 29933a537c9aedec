import { describe, expect, it } from 'vitest';
import {
  cumulativeTrackingSpec,
  frequencyCheckSpec,
  incrementalTrackingSpec,
  type TrackingPoint,
} from '../../../src/charts/clv-holdout';
import type { FrequencyCheckRow } from '../../../src/model/clv/predict';
import type { TopLevelSpec } from 'vega-lite';
import { renderVegaLite, type SceneNode } from '../../support/render-vega';

/** Headless there is no container to fill: give the charts a width to measure positions. */
const sized = (spec: TopLevelSpec) => renderVegaLite({ ...spec, width: 600 } as TopLevelSpec);

type Item = SceneNode & { x?: number; y?: number; y2?: number; fill?: string; tooltip?: unknown };

const ROWS: FrequencyCheckRow[] = [
  { x: '0', customers: 1411, actual: 334 / 1411, predicted: 0.2251 },
  { x: '1', customers: 439, actual: 306 / 439, predicted: 0.5231 },
  { x: '7+', customers: 64, actual: 6.359375, predicted: 6.1572 },
];

describe('frequencyCheckSpec', () => {
  it('draws actual beside model for each group, heights in proportion', async () => {
    const r = await sized(frequencyCheckSpec(ROWS, 'en'));
    expect(r.problems).toEqual([]);
    const bars = r.items('rect') as Item[];
    expect(bars).toHaveLength(6);
    expect(r.texts('title-text')).toEqual(['Holdout check by calibration purchases']);
    expect(r.texts('title-subtitle')[0]).toMatch(/actual vs model/);
    expect(r.texts('axis-title')).toEqual(
      expect.arrayContaining([
        'Repeat purchases in the calibration period',
        'Mean holdout purchases',
      ]),
    );
    expect(r.texts('axis-label')).toEqual(expect.arrayContaining(['0', '1', '7+']));
    expect(r.texts('legend-label')).toEqual(['Actual', 'Model']);
    const bar = (x: string, series: string) =>
      bars.find((b) => b.datum?.x === x && b.datum?.series === series)!;
    const height = (b: Item) => b.y2! - b.y!;
    // The 7+ actual bar is 6.359375 / 0.2367 times the 0 actual bar.
    expect(height(bar('7+', 'Actual')) / height(bar('0', 'Actual'))).toBeCloseTo(
      6.359375 / (334 / 1411),
      2,
    );
    expect(bar('0', 'Actual').x!).toBeLessThan(bar('0', 'Model').x!);
    expect(bar('0', 'Model').x!).toBeLessThan(bar('1', 'Actual').x!);
    expect(bar('1', 'Actual').fill).toBe('#4e79a7');
    expect(bar('1', 'Model').fill).toBe('#f28e2b');
    expect(bar('1', 'Model').tooltip).toEqual({
      'Repeat purchases in the calibration period': '1',
      Customers: '439',
      Actual: '0.70',
      Model: '0.52',
    });
    expect(r.textItems().every((t) => (t.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('speaks Chinese', async () => {
    const r = await renderVegaLite(frequencyCheckSpec(ROWS, 'zh-CN'));
    expect(r.problems).toEqual([]);
    expect(r.texts('title-text')).toEqual(['验证期检验：按校准期复购次数分组']);
    expect(r.texts('legend-label')).toEqual(['实际', '模型']);
    expect((r.items('rect')[0] as Item).tooltip).toMatchObject({ 客户数: '1,411' });
  });
});

const POINTS: TrackingPoint[] = Array.from({ length: 78 }, (_, i) => ({
  period: i + 1,
  actual: 60 * (i + 1),
  expected: 55 * (i + 1),
}));

describe('cumulativeTrackingSpec', () => {
  it('draws the actual and model lines and a rule at the calibration end', async () => {
    const r = await sized(cumulativeTrackingSpec(POINTS, 39, 'en'));
    expect(r.problems).toEqual([]);
    const lines = r.items('line') as Item[];
    expect(lines).toHaveLength(156);
    const x = r.view.scale('x') as (v: number) => number;
    const y = r.view.scale('y') as (v: number) => number;
    const rule = r.items('rule') as Item[];
    expect(rule).toHaveLength(1);
    expect(rule[0]!.x).toBeCloseTo(x(39), 6);
    const last = lines.filter((l) => l.datum?.period === 78);
    expect(last.map((l) => l.y).sort((a, b) => a! - b!)).toEqual([y(60 * 78), y(55 * 78)]);
    expect(r.texts('title-text')).toEqual(['Cumulative repeat purchases, actual vs model']);
    expect(r.texts('axis-title')).toEqual(
      expect.arrayContaining([
        'Weeks since the first purchase in the data',
        'Cumulative repeat purchases',
      ]),
    );
    expect(r.items('text').map((t) => t.text)).toEqual(['Calibration end']);
    expect(r.texts('legend-label')).toEqual(['Actual', 'Model']);
    const point = (r.items('symbol') as Item[]).find(
      (s) => s.datum?.period === 40 && s.datum?.series === 'Model',
    );
    expect(point?.tooltip).toEqual({
      'Weeks since the first purchase in the data': '40',
      Actual: '2,400',
      Model: '2,200',
    });
  });

  it('labels days in Chinese, and refuses a missing calibration end', async () => {
    const r = await renderVegaLite(
      cumulativeTrackingSpec(POINTS.slice(0, 10), 4.5, 'zh-CN', 'days'),
    );
    expect(r.problems).toEqual([]);
    expect(r.texts('axis-title')).toEqual(
      expect.arrayContaining(['自数据中首次购买起的天数', '累计复购次数']),
    );
    expect(r.items('text').map((t) => t.text)).toEqual(['校准期结束']);
    expect(() => cumulativeTrackingSpec(POINTS, Number.NaN, 'en')).toThrow(/校准期结束位置/);
  });
});

describe('incrementalTrackingSpec', () => {
  it('draws each period’s purchases, the differences of the cumulative points', async () => {
    // Cumulative 10, 25, 45, 70 actual and 12, 24, 36, 48 expected: per period 10, 15, 20, 25
    // and 12 every period.
    const points: TrackingPoint[] = [10, 25, 45, 70].map((actual, i) => ({
      period: i + 1,
      actual,
      expected: 12 * (i + 1),
    }));
    const r = await sized(incrementalTrackingSpec(points, 2, 'en'));
    expect(r.problems).toEqual([]);
    const lines = r.items('line') as Item[];
    const y = r.view.scale('y') as (v: number) => number;
    const x = r.view.scale('x') as (v: number) => number;
    const actual = lines.filter((l) => l.datum?.series === 'Actual');
    expect(actual.map((l) => l.y)).toEqual([10, 15, 20, 25].map(y));
    const model = lines.filter((l) => l.datum?.series === 'Model');
    expect(model.map((l) => l.y)).toEqual([12, 12, 12, 12].map(y));
    expect((r.items('rule') as Item[])[0]!.x).toBeCloseTo(x(2), 6);
    expect(r.texts('title-text')).toEqual(['Repeat purchases per period, actual vs model']);
    expect(r.texts('axis-title')).toEqual(
      expect.arrayContaining(['Repeat purchases in the period']),
    );
    const zh = await renderVegaLite(incrementalTrackingSpec(points, 2, 'zh-CN', 'days'));
    expect(zh.problems).toEqual([]);
    expect(zh.texts('title-text')).toEqual(['每期复购次数：实际与模型']);
    expect(zh.texts('axis-title')).toEqual(
      expect.arrayContaining(['自数据中首次购买起的天数', '本期复购次数']),
    );
  });

  it('titles BG/BB calendar periods by customers buying again', async () => {
    const points: TrackingPoint[] = [0, 40, 70].map((actual, i) => ({
      period: i + 1,
      actual,
      expected: 35 * i,
    }));
    const r = await renderVegaLite(incrementalTrackingSpec(points, 2, 'en', 'quarters'));
    expect(r.problems).toEqual([]);
    expect(r.texts('axis-title')).toEqual(
      expect.arrayContaining([
        'Quarters since the start of the data',
        'Customers buying again in the period',
      ]),
    );
    const zh = await renderVegaLite(cumulativeTrackingSpec(points, 2, 'zh-CN', 'months'));
    expect(zh.problems).toEqual([]);
    expect(zh.texts('axis-title')).toEqual(
      expect.arrayContaining(['自数据开始起的月数', '各期再次购买的客户数累计']),
    );
  });
});
