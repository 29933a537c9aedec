import type { SelectionParameter } from 'vega-lite/types_unstable/selection.js';
import type { Labels } from '../domain/labels';

/** The name of the quadrant's interval selection: its signals are `brush`, `brush_x`, ... */
export const QUADRANT_BRUSH = 'brush';

/** A brushed rectangle of the quadrant in its measures' units, both ends included. */
export interface QuadrantRanges {
  value: [number, number];
  loyalty: [number, number];
}

/**
 * The quadrant's interval selection over x and y, drawn first over `initial` when given. No
 * zoom: the wheel keeps scrolling the page over the chart. A double click clears it.
 */
export function quadrantBrush(initial: Partial<QuadrantRanges>): SelectionParameter<'interval'> {
  const value =
    initial.value && initial.loyalty ? { value: { x: initial.value, y: initial.loyalty } } : {};
  return {
    name: QUADRANT_BRUSH,
    ...value,
    select: {
      type: 'interval',
      encodings: ['x', 'y'],
      zoom: false,
      clear: 'dblclick',
      mark: { fill: '#1f5fa8', fillOpacity: 0.08, stroke: '#1f5fa8', strokeDash: [4, 3] },
    },
  };
}

const isPair = (x: unknown): x is [number, number] =>
  Array.isArray(x) && x.length === 2 && x.every((n) => typeof n === 'number' && Number.isFinite(n));

/**
 * The ranges of the brush's signal (`{ value: [a, b], loyalty: [c, d] }`, or over `value_lo` and
 * `loyalty_lo` when bins are drawn), ends in order; null when nothing is brushed.
 */
export function brushedRanges(signal: unknown): QuadrantRanges | null {
  if (!signal || typeof signal !== 'object') return null;
  const s = signal as Record<string, unknown>;
  const value = s.value ?? s.value_lo;
  const loyalty = s.loyalty ?? s.loyalty_lo;
  if (!isPair(value) || !isPair(loyalty)) return null;
  const order = ([a, b]: [number, number]): [number, number] => (a <= b ? [a, b] : [b, a]);
  return { value: order(value), loyalty: order(loyalty) };
}

/** Loyalty measures that are whole numbers (orders, days). */
const WHOLE_LOYALTY = new Set(['frequency', 'tenure']);

/**
 * A brushed range of a measure that holds whole numbers, narrowed to the whole numbers in it:
 * orders 4.4–37.6 keep the customers with 5 to 37 orders, and the chip says so. A range
 * between two whole numbers stays as it is (it holds no customer either way).
 */
export function wholeRange(range: [number, number], loyaltyMeasure: string): [number, number] {
  if (!WHOLE_LOYALTY.has(loyaltyMeasure)) return range;
  const [lo, hi] = [Math.ceil(range[0]), Math.floor(range[1])];
  return lo <= hi ? [lo, hi] : range;
}

/** Short names of the quadrant's measures, for the "filtered by" chip ("Spend 120–900"). */
const VALUE_NAMES: Record<string, Labels> = {
  monetary: { en: 'Spend', zh: '消费额' },
  predicted_clv: { en: 'Predicted CLV', zh: '预测终身价值' },
  expected_spend: { en: 'Expected spend', zh: '预期消费额' },
  avg_order_value: { en: 'Average order', zh: '客单价' },
};
const LOYALTY_NAMES: Record<string, Labels> = {
  frequency: { en: 'Orders', zh: '订单数' },
  repurchase: { en: 'Repeat days', zh: '复购天数占比' },
  tenure: { en: 'Tenure', zh: '客户时长' },
};

export function quadrantMeasureNames(
  valueColumn: string,
  loyaltyMeasure: string,
): { value: Labels; loyalty: Labels } {
  return {
    value: VALUE_NAMES[valueColumn] ?? { en: valueColumn, zh: valueColumn },
    loyalty: LOYALTY_NAMES[loyaltyMeasure] ?? { en: 'Loyalty', zh: '忠诚度' },
  };
}
