import type { View } from 'vega';

/** How near (in pixels) the pointer must come to a cut rule to take hold of it. */
const REACH = { mouse: 6, touch: 14 } as const;

interface XScale {
  (value: number): number;
  invert(px: number): number;
  range(): number[];
}

/** The chart's x scale and where its range starts on the screen, in client pixels. */
function axis(view: View, host: HTMLElement): { x: XScale; left: number } | null {
  const svg = host.querySelector('svg');
  const x = view.scale('x') as XScale | undefined;
  if (!svg || !x) return null;
  // Vega draws the plot at its padding plus its origin (vega-view's `offset`).
  const padding = view.padding();
  const pad = typeof padding === 'number' ? padding : (padding.left ?? 0);
  const left = svg.getBoundingClientRect().left + pad + view.origin()[0];
  return { x, left };
}

/**
 * The cut rule under the pointer: the nearest drawn cut within reach of `clientX`, by its index
 * in `cuts` (a `null` cut is not drawn), or null.
 */
export function cutUnder(
  view: View,
  host: HTMLElement,
  cuts: readonly (number | null)[],
  clientX: number,
  pointer: string,
): number | null {
  const a = axis(view, host);
  if (!a) return null;
  const px = clientX - a.left;
  const reach = pointer === 'touch' || pointer === 'pen' ? REACH.touch : REACH.mouse;
  let best: number | null = null;
  let nearest = Infinity;
  cuts.forEach((c, i) => {
    if (c === null) return;
    const d = Math.abs(a.x(c) - px);
    if (d <= reach && d < nearest) [best, nearest] = [i, d];
  });
  return best;
}

/**
 * The measure's value under the pointer, kept within the axis, and how much of the measure one
 * pixel spans there (on a log axis it grows to the right).
 */
export function valueUnder(
  view: View,
  host: HTMLElement,
  clientX: number,
): { value: number; unitsPerPixel: number } | null {
  const a = axis(view, host);
  if (!a) return null;
  const [r0, r1] = a.x.range() as [number, number];
  const px = Math.min(Math.max(clientX - a.left, Math.min(r0, r1)), Math.max(r0, r1));
  const value = a.x.invert(px);
  const unitsPerPixel = Math.abs(a.x.invert(px + 1) - value);
  return Number.isFinite(value) ? { value, unitsPerPixel } : null;
}
