import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { compactLabelExpr, formatDecimal, formatPercent } from '../../../src/charts/number-formats';
import { renderVegaLite } from '../../support/render-vega';

async function labels(lang: 'en' | 'zh-CN', values: number[]): Promise<string[]> {
  const spec: TopLevelSpec = {
    width: 400,
    height: 100,
    data: { values: [{ v: 0 }, { v: 3e9 }] },
    mark: 'point',
    encoding: {
      x: {
        field: 'v',
        type: 'quantitative',
        axis: { values, labelExpr: compactLabelExpr(lang), labelOverlap: false },
      },
    },
  };
  const r = await renderVegaLite(spec);
  expect(r.problems).toEqual([]);
  return r.texts('axis-label');
}

describe('compactLabelExpr', () => {
  it('writes 万 and 亿 in Chinese', async () => {
    expect(await labels('zh-CN', [0, 9999, 15000, 250000, 1.5e8, 2e9])).toEqual([
      '0',
      '9999',
      '1.5万',
      '25万',
      '1.5亿',
      '20亿',
    ]);
  });

  it('writes K, M and B in English', async () => {
    expect(await labels('en', [0, 999, 1500, 2.5e6, 3e9])).toEqual([
      '0',
      '999',
      '1.5K',
      '2.5M',
      '3B',
    ]);
  });
});

describe('formatDecimal and formatPercent', () => {
  it('write numbers the way the charts format them', () => {
    expect(formatDecimal(1234.5)).toBe('1,234.50');
    expect(formatDecimal(-0.004)).toBe('-0.00');
    expect(formatPercent(0.426, 'en')).toBe('43%');
    expect(formatPercent(0.426, 'zh-CN')).toBe('43%');
    expect(formatPercent(0.4, 'en', 1)).toBe('40.0%');
  });
});
