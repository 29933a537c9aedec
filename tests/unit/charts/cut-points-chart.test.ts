import { describe, expect, it } from 'vitest';
import { CUT_DRAG_SIGNAL, cutPointsChart } from '../../../src/charts/cut-points-chart';
import { renderVegaLite } from '../../support/render-vega';

const histogram = [
  { start: 0, end: 10, customers: 40 },
  { start: 10, end: 100, customers: 25 },
  { start: 100, end: 20_000, customers: 5 },
];
const measure = { en: 'Monetary: spend', zh: '消费金额：消费额' };

describe('cutPointsChart', () => {
  it('draws the bars and one numbered rule per cut point on a log axis', async () => {
    const cuts = [8, 55, 400, 3_000];
    const r = await renderVegaLite(
      cutPointsChart({ histogram, cuts, measure, scale: 'symlog', lang: 'en', width: 600 }),
    );
    expect(r.problems).toEqual([]);
    expect(r.items('rect')).toHaveLength(3);
    expect(r.items('rule').map((i) => i.datum?.value)).toEqual(cuts);
    expect(r.items('text').map((i) => i.text)).toEqual(['1', '2', '3', '4']);
    expect(r.texts('axis-title')).toEqual(['Monetary: spend', 'Buyers']);
  });

  it('keeps a typed cut beyond the data on the axis, in Chinese', async () => {
    const spec = cutPointsChart({
      histogram,
      cuts: [50_000],
      measure,
      scale: 'linear',
      lang: 'zh-CN',
    });
    const x = (spec as { layer: { encoding: { x: { scale: { domain: number[] } } } }[] }).layer[1]!
      .encoding.x.scale.domain;
    expect(x).toEqual([0, 50_000]);
    const r = await renderVegaLite(spec);
    expect(r.texts('axis-title')).toEqual(['消费金额：消费额', '购买客户数']);
  });

  it('draws no rule for a tier that starts nowhere, and keeps the others numbered', async () => {
    const r = await renderVegaLite(
      cutPointsChart({ histogram, cuts: [null, 900], measure, scale: 'symlog', lang: 'en' }),
    );
    expect(r.problems).toEqual([]);
    expect(r.items('rule').map((i) => i.datum?.value)).toEqual([900]);
    expect(r.items('text').map((i) => i.text)).toEqual(['2']);
  });

  it('moves only the dragged rule and its number with the drag signal, and back', async () => {
    const cuts = [8, 55, 400];
    const r = await renderVegaLite(
      cutPointsChart({ histogram, cuts, measure, scale: 'symlog', lang: 'en', width: 600 }),
    );
    const xs = () => r.items('rule').map((i) => (i as { x?: number }).x);
    const before = xs();
    await r.view.signal(CUT_DRAG_SIGNAL, { n: '2', value: 1_000, text: '2 · 1,000' }).runAsync();
    const during = xs();
    expect(r.problems).toEqual([]);
    expect([during[0], during[2]]).toEqual([before[0], before[2]]);
    // 1,000 lies beyond the third cut (400), so the second rule now stands right of it.
    expect(during[1]).toBeGreaterThan(before[2]!);
    // Right of the axis's middle, the dragged label sits left of its rule.
    const texts = r.items('text') as { text?: string; align?: string }[];
    expect(texts.map((i) => [i.text, i.align])).toEqual([
      ['1', 'left'],
      ['3', 'left'],
      ['2 · 1,000', 'right'],
    ]);
    await r.view.signal(CUT_DRAG_SIGNAL, null).runAsync();
    expect(xs()).toEqual(before);
    // Back right of its rule (Vega appends a row a filter lets through again).
    const back = r.items('text') as { text?: string; align?: string }[];
    expect(back.map((i) => `${i.text} ${i.align}`).sort()).toEqual(['1 left', '2 left', '3 left']);
  });
});
