/**
 * Where a dragged cut point lands: on the data's own precision (whole days and orders, cents of
 * spend), and no finer than the pointer can aim — to the power of ten at or below what one pixel
 * spans there, so a drag on spend gives 1,230 rather than 1,234.57.
 *
 * `decimals` is how many decimals the measure's values have (0 for counts); `unitsPerPixel` is
 * how much of the measure one pixel spans where the cut was dropped (0 or less: unknown).
 */
export function snapCut(value: number, decimals: number, unitsPerPixel: number): number {
  const data = 10 ** -Math.max(0, Math.round(decimals));
  const pixel =
    Number.isFinite(unitsPerPixel) && unitsPerPixel > 0
      ? 10 ** Math.floor(Math.log10(unitsPerPixel))
      : data;
  const step = Math.max(data, pixel);
  const digits = Math.max(0, -Math.round(Math.log10(step)));
  return Number((Math.round(value / step) * step).toFixed(digits));
}
