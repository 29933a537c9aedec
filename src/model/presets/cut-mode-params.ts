import type { Labels } from '../../domain/labels';
import type { ParamSpec } from './preset';

const PERCENTILE: Labels = { en: 'Percentile of buyers', zh: '购买客户分位数' };

/**
 * The three form fields of a cut set either at a percentile of buyers or at a fixed value:
 * `<name>Cut` (the choice), `<name>Percentile` and the fixed `minKey`, each shown with its choice.
 */
export function cutModeParams(opts: {
  name: string;
  minKey: string;
  labels: { cut: Labels; percentile: Labels; min: Labels };
  /** The choice's label for a fixed value, e.g. "Fixed amount". */
  fixed: Labels;
  /** The fixed value's field: whole numbers (orders) or any number (money). */
  minKind: 'integer' | 'number';
  min: number;
}): ParamSpec[] {
  const cut = `${opts.name}Cut`;
  return [
    {
      key: cut,
      kind: 'select',
      label: opts.labels.cut,
      options: [
        { value: 'percentile', label: PERCENTILE },
        { value: 'absolute', label: opts.fixed },
      ],
    },
    {
      key: `${opts.name}Percentile`,
      kind: 'share',
      label: opts.labels.percentile,
      shownWhen: { key: cut, values: ['percentile'] },
    },
    {
      key: opts.minKey,
      kind: opts.minKind,
      label: opts.labels.min,
      min: opts.min,
      shownWhen: { key: cut, values: ['absolute'] },
    },
  ];
}
