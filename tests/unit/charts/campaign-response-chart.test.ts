import { describe, expect, it } from 'vitest';
import {
  campaignResponseChart,
  type CampaignResponseRow,
} from '../../../src/charts/campaign-response-chart';
import { renderVegaLite } from '../../support/render-vega';

const row = (
  segment: string,
  conv: number,
  ctrl: number | null,
  extra: Partial<CampaignResponseRow> = {},
): CampaignResponseRow => ({
  segment,
  is_total: false,
  recipients: 100,
  response_rate: conv * 2,
  response_lo: conv * 2 - 0.05,
  response_hi: conv * 2 + 0.05,
  conversion_rate: conv,
  conversion_lo: conv - 0.04,
  conversion_hi: conv + 0.04,
  controls: ctrl === null ? 0 : 20,
  control_conversion_rate: ctrl,
  lift: ctrl === null ? null : conv - ctrl,
  ...extra,
});

const rows = [
  row('All segments', 0.2, 0.1, { is_total: true }),
  row('VIP', 0.3, 0.1),
  row('Dormant', 0.08, null),
  row('(no segment)', 0.1, 0.12),
];

describe('campaign response chart', () => {
  it('draws rates with Wilson bars per segment and control ticks, total last', async () => {
    const r = await renderVegaLite(
      campaignResponseChart({ rows, segments: ['VIP', 'Dormant'], lang: 'en' }),
    );
    expect(r.problems).toEqual([]);
    expect(r.items('symbol')).toHaveLength(4);
    expect(r.items('rule')).toHaveLength(4);
    expect(r.items('rect')).toHaveLength(3); // ticks: Dormant has no control group
    expect(r.texts('axis-label').filter((t) => !t.endsWith('%'))).toEqual([
      'VIP',
      'Dormant',
      '(no segment)',
      'All segments',
    ]);
    expect(r.texts('title-text')).toEqual(['Conversion rate by segment']);
    // two subtitle lines
    expect(r.texts('title-subtitle')).toEqual([
      'Dot: rate of those who got the campaign, with its 95% Wilson interval.\nBlack tick: control group.',
    ]);
    // VIP's dot (30%) sits right of its control tick (10%) and inside its bar (26%..34%)
    const dot = r.items('symbol').find((s) => s.datum?.segment === 'VIP') as { x?: number };
    const tick = r.items('rect').find((s) => s.datum?.segment === 'VIP') as {
      x?: number;
      width?: number;
    };
    const bar = r.items('rule').find((s) => s.datum?.segment === 'VIP') as {
      x?: number;
      x2?: number;
    };
    expect(dot.x!).toBeGreaterThan(tick.x! + tick.width!);
    expect(dot.x!).toBeGreaterThan(bar.x!);
    expect(dot.x!).toBeLessThan(bar.x2!);
    expect(r.textItems().every((t) => (t.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('shows response without control ticks, one panel per campaign, in Chinese', async () => {
    const two = [
      ...rows.map((x) => ({ ...x, campaign: 'K1' })),
      ...rows.map((x) => ({ ...x, campaign: 'K2' })),
    ];
    const r = await renderVegaLite(
      campaignResponseChart({
        rows: two,
        segments: ['VIP', 'Dormant'],
        metric: 'response',
        lang: 'zh-CN',
      }),
    );
    expect(r.problems).toEqual([]);
    expect(r.items('symbol')).toHaveLength(8);
    expect(r.items('rect')).toHaveLength(0);
    expect(r.texts('title-text')).toEqual(['活动', 'K1', 'K2', '各分群响应率']);
    expect(r.texts('axis-title')).toEqual(expect.arrayContaining(['比率']));
  });
});
