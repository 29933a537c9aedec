import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { namedData } from '../../../src/charts/named-data';
import { quadrantChart, type QuadrantScatterRow } from '../../../src/charts/quadrant-chart';
import { quadrantPoint } from '../../support/quadrant-rows';
import { renderVegaLite } from '../../support/render-vega';

const SEGMENTS = ['Core', 'Low priority'];

/** A customer, high value above 10. */
function point(i: number, value: number, loyalty: number): QuadrantScatterRow {
  return quadrantPoint(i, value > 10 ? 'Core' : 'Low priority', value, loyalty);
}

function quadrant(rows: QuadrantScatterRow[], cut: number | null) {
  return quadrantChart({
    rows,
    valueThreshold: cut,
    loyaltyThreshold: 2,
    segments: SEGMENTS,
    lang: 'en',
  }) as TopLevelSpec & object;
}

describe('namedData', () => {
  it('moves each inline data of every layer into datasets, in order', () => {
    const spec = {
      data: { values: [{ a: 1 }] },
      layer: [{ mark: 'point' }, { data: { values: [{ t: 2 }] }, mark: 'rule' }],
    };
    const named = namedData(spec);
    expect(named.datasets).toEqual({ inline_0: [{ a: 1 }], inline_1: [{ t: 2 }] });
    expect(named.spec).toEqual({
      data: { name: 'inline_0' },
      layer: [{ mark: 'point' }, { data: { name: 'inline_1' }, mark: 'rule' }],
      datasets: named.datasets,
    });
    expect(spec.data).toEqual({ values: [{ a: 1 }] }); // the input is not changed
  });

  it('gives specs that differ only in their rows the same key, and others another', () => {
    const a = namedData(quadrant([point(1, 5, 1), point(2, 20, 3)], 10));
    const b = namedData(quadrant([point(1, 6, 1), point(2, 30, 4), point(3, 1, 1)], 12));
    expect(b.key).toBe(a.key);
    // The quadrant keeps its layers when a threshold goes missing, so the key too.
    expect(namedData(quadrant([point(1, 5, 1)], null)).key).toBe(a.key);
    const binned = { ...point(1, 5, 1), kind: 'bin' as const, value_lo: 0, value_hi: 10 };
    expect(
      namedData(quadrant([binned, { ...binned, loyalty_lo: 1, loyalty_hi: 2 }], 10)).key,
    ).not.toBe(a.key);
  });

  it('leaves a spec without inline data as it is', () => {
    const spec = { data: { url: 'x.csv' }, mark: 'point' };
    expect(namedData(spec)).toMatchObject({ spec, datasets: {} });
  });

  it('draws the same marks, and a drawn view takes new rows in place', async () => {
    const first = quadrant([point(1, 5, 1), point(2, 20, 3)], 10);
    const rendered = await renderVegaLite(namedData(first).spec as TopLevelSpec);
    expect(rendered.problems).toEqual([]);
    expect(rendered.items('symbol')).toHaveLength(2);
    const next = namedData(quadrant([point(1, 6, 1), point(2, 30, 4), point(3, 1, 1)], 12));
    for (const [name, values] of Object.entries(next.datasets)) rendered.view.data(name, values);
    await rendered.view.runAsync();
    const scene = (rendered.view.scenegraph() as unknown as { root: unknown }).root;
    const symbols: { datum: { value: number; threshold?: number } }[] = [];
    const rules: { datum: { threshold: number } }[] = [];
    const walk = (node: { marktype?: string; role?: string; items?: unknown[] }) => {
      if (node.role === 'mark' && node.marktype === 'symbol')
        symbols.push(...(node.items as never[]));
      if (node.role === 'mark' && node.marktype === 'rule') rules.push(...(node.items as never[]));
      for (const child of node.items ?? []) walk(child as never);
    };
    walk(scene as never);
    expect(symbols.map((s) => s.datum.value)).toEqual([6, 30, 1]);
    expect(rules.map((r) => r.datum.threshold)).toContain(12);
  });

  it('keeps the marks of the customers still drawn, keyed by customer, when rows change', async () => {
    const symbols = (view: unknown) => {
      const found: { datum: { customer_id: string; value: number } }[] = [];
      const walk = (node: { marktype?: string; role?: string; items?: unknown[] }) => {
        if (node.role === 'mark' && node.marktype === 'symbol')
          found.push(...(node.items as never[]));
        for (const child of node.items ?? []) walk(child as never);
      };
      walk((view as { scenegraph(): { root: never } }).scenegraph().root);
      return found;
    };
    const rendered = await renderVegaLite(
      namedData(quadrant([point(1, 5, 1), point(2, 20, 3)], 10)).spec as TopLevelSpec,
    );
    const before = symbols(rendered.view);
    // A threshold change: the same customers, one of them now in another segment.
    const next = namedData(quadrant([point(2, 20, 3), point(1, 5, 1)], 4));
    for (const [name, values] of Object.entries(next.datasets)) rendered.view.data(name, values);
    await rendered.view.runAsync();
    const after = symbols(rendered.view);
    const mark = (items: typeof before, id: string) =>
      items.find((i) => i.datum.customer_id === id);
    expect(mark(after, 'c1')).toBe(mark(before, 'c1'));
    expect(mark(after, 'c2')).toBe(mark(before, 'c2'));
  });
});
