import type { Labels } from '../../domain/labels';
import type { RfmParams } from './rfm';

export type CutDimension = 'recency' | 'frequency' | 'monetary';

/** The dimensions whose cut points the Cut points tab shows, with the measure each cuts. */
export const CUT_DIMENSIONS: readonly { dimension: CutDimension; column: string; label: Labels }[] =
  [
    {
      dimension: 'recency',
      column: 'recency_days',
      label: { en: 'Recency: days since the last order', zh: '最近消费：距上次下单天数' },
    },
    {
      dimension: 'frequency',
      column: 'frequency',
      label: { en: 'Frequency: orders', zh: '消费频次：订单数' },
    },
    {
      dimension: 'monetary',
      column: 'monetary',
      label: { en: 'Monetary: spend', zh: '消费金额：消费额' },
    },
  ];

/** Whether a dimension is cut at the user's own values rather than at quantiles. */
export function hasFixedCuts(
  params: Pick<RfmParams, `${CutDimension}Thresholds`>,
  d: CutDimension,
): boolean {
  return String(params[`${d}Thresholds`] ?? '').trim() !== '';
}

/**
 * The parameter change that sets cut `index` of dimension `d` to `value`, keeping its other cut
 * points where they are now (`current`, as DuckDB computed them): the dimension switches from
 * quantile bins to these fixed values, which its SQL then holds as literals.
 */
export function typedCut(
  d: CutDimension,
  current: readonly number[],
  index: number,
  value: number,
): Partial<RfmParams> {
  const cuts = current.map((c, i) => (i === index ? value : c));
  return { [`${d}Thresholds`]: cuts.map((c) => String(c)).join(', ') };
}

/** The parameter change that cuts dimension `d` at quantiles again. */
export function quantileCuts(d: CutDimension): Partial<RfmParams> {
  return { [`${d}Thresholds`]: '' };
}
