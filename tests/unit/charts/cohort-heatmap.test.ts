import { describe, expect, it } from 'vitest';
import {
  cohortHeatmap,
  cohortLabel,
  type CohortChartRow,
} from '../../../src/charts/cohort-heatmap';
import { renderVegaLite } from '../../support/render-vega';

/** A triangle of `n` monthly cohorts from 2023-01, each of 1,000 × (i + 1) customers. */
function triangle(n: number, partial = false): CohortChartRow[] {
  const rows: CohortChartRow[] = [];
  for (let c = 0; c < n; c++) {
    for (let p = 0; p < n - c; p++) {
      const month = (k: number) => new Date(Date.UTC(2023, k, 1));
      rows.push({
        cohort: month(c),
        cohort_size: 1000 * (c + 1),
        period: p,
        period_start: month(c + p),
        active: 0,
        active_share: p === 0 ? 1 : 0.4 / p,
        revenue: 0,
        revenue_retained: p === 0 ? 1 : 0.5,
        partial: partial && c + p === n - 1,
        cohort_count: n,
      });
    }
  }
  return rows;
}

describe('cohort heatmap', () => {
  it('draws a cell per cohort and period, its size at the row label, % in the cells', async () => {
    const r = await renderVegaLite(
      cohortHeatmap({ rows: triangle(4), unit: 'month', measure: 'active', lang: 'en' }),
    );
    expect(r.problems).toEqual([]);
    expect(r.items('rect')).toHaveLength(10);
    expect(r.texts('axis-label')).toEqual(
      expect.arrayContaining(['2023-01 · 1,000', '2023-04 · 4,000', '0', '3']),
    );
    expect(r.texts('axis-title').sort()).toEqual([
      'Cohort (customers)',
      'Months since first purchase',
    ]);
    const cells = r.items('text').map((i) => String(i.text));
    expect(cells.filter((t) => t === '100%')).toHaveLength(4);
    expect(cells).toContain('40%');
    expect(cells).toContain('13%');
  });

  it('runs its colours to the highest share after period 0', () => {
    const spec = cohortHeatmap({ rows: triangle(4), unit: 'month', measure: 'active', lang: 'en' });
    expect(JSON.stringify(spec)).toContain('"domain":[0,0.4]');
  });

  it('on a phone shows the latest 12 cohorts, says so, and writes 万 in Chinese', async () => {
    const spec = cohortHeatmap({
      rows: triangle(24, true),
      unit: 'month',
      measure: 'revenue',
      lang: 'zh-CN',
      width: 360,
      formatCount: (n) => (n >= 1e4 ? `${n / 1e4}万` : String(n)),
    });
    const r = await renderVegaLite(spec);
    expect(r.problems).toEqual([]);
    // Cohorts 13..24 of 24: 12 + 11 + ... + 1 cells, too narrow for text.
    expect(r.items('rect')).toHaveLength(78);
    expect(r.items('text')).toHaveLength(0);
    expect(r.texts('axis-label')).toContain('2024-12 · 2.4万');
    const subtitle = r.texts('title-subtitle').join('');
    expect(subtitle).toContain('仅显示最近 12 个月首购的同期群：12 个（共 24 个）');
    expect(subtitle).toContain('每行最后一期尚未结束');
  });

  it('says when older cohorts were left out of the window', async () => {
    const rows = triangle(6).map((r) => ({ ...r, cohort_count: 9 }));
    const spec = cohortHeatmap({
      rows,
      unit: 'week',
      measure: 'active',
      lang: 'en',
      lastPeriods: 6,
    });
    const r = await renderVegaLite(spec);
    expect(r.texts('title-subtitle').join(' ')).toContain('Cohorts of the last 6 weeks: 6 of 9.');
    expect(r.items('rect')).toHaveLength(21);
  });

  it('names weekly and quarterly cohorts', () => {
    expect(cohortLabel(new Date('2024-01-29T00:00:00Z'), 'week')).toBe('2024-01-29');
    expect(cohortLabel(new Date('2024-10-01T00:00:00Z'), 'quarter')).toBe('2024 Q4');
    expect(cohortLabel('2024-04-01', 'quarter')).toBe('2024 Q2');
  });
});
