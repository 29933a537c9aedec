import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase, FIT_WIDTH, fittedTitle } from './chart-theme';
import { FORMATS } from './number-formats';

/** One customer's predicted CLV with its interval. */
export interface ClvIntervalRow {
  customer: string;
  clv: number;
  low: number;
  high: number;
}

const T = {
  title: {
    en: 'Predicted CLV of the {n} most valuable customers, with 90% intervals',
    zh: '预测价值最高的 {n} 位客户的客户终身价值及 90% 区间',
  },
  subtitle: {
    en: 'Bars: 5% to 95% of {draws} parameter draws from the fits’ uncertainty; dot: the estimate.',
    zh: '横线：按拟合不确定性抽取 {draws} 组参数所得的 5% 至 95% 区间；圆点：估计值。',
  },
  customer: { en: 'Customer', zh: '客户' },
  clv: { en: 'Predicted CLV', zh: '预测客户终身价值' },
  low: { en: '5%', zh: '5%' },
  high: { en: '95%', zh: '95%' },
} satisfies Record<string, Labels>;

const POINT = '#4e79a7';

/**
 * The `count` customers with the highest predicted CLV and a finite interval, highest first
 * (ties by id). Arrays are per customer, in the order of `ids`. One pass keeping the best
 * `count`, so a large customer base is not sorted on the main thread.
 */
export function topClvIntervals(
  ids: readonly string[],
  clv: ArrayLike<number>,
  low: ArrayLike<number>,
  high: ArrayLike<number>,
  count: number,
): ClvIntervalRow[] {
  const before = (a: ClvIntervalRow, b: ClvIntervalRow) =>
    b.clv - a.clv || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0);
  const top: ClvIntervalRow[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (!(Number.isFinite(clv[i]) && Number.isFinite(low[i]) && Number.isFinite(high[i]))) {
      continue;
    }
    const row = { customer: ids[i], clv: clv[i], low: low[i], high: high[i] };
    if (top.length === count && before(row, top[count - 1]) >= 0) continue;
    let at = top.length;
    while (at > 0 && before(row, top[at - 1]) < 0) at--;
    top.splice(at, 0, row);
    if (top.length > count) top.pop();
  }
  return top;
}

/** Error bars: each customer's interval as a rule, the estimate as a dot, highest at the top. */
export function clvIntervalsSpec(
  rows: ClvIntervalRow[],
  draws: number,
  lang: Lang,
  width?: number,
): TopLevelSpec {
  const customer = pick(T.customer, lang);
  const y = {
    field: 'customer',
    type: 'nominal',
    sort: rows.map((r) => r.customer),
    title: customer,
  } as const;
  const tooltip = [
    { field: 'customer', title: customer },
    { field: 'clv', title: pick(T.clv, lang), format: FORMATS.money },
    { field: 'low', title: pick(T.low, lang), format: FORMATS.money },
    { field: 'high', title: pick(T.high, lang), format: FORMATS.money },
  ];
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: Math.max(120, 22 * rows.length),
    title: fittedTitle(
      pick(T.title, lang).replace('{n}', String(rows.length)),
      pick(T.subtitle, lang).replace('{draws}', String(draws)),
      width,
    ),
    data: { values: rows },
    layer: [
      {
        mark: { type: 'rule', color: POINT, strokeWidth: 2, opacity: 0.6, tooltip: true },
        encoding: {
          y,
          x: {
            field: 'low',
            type: 'quantitative',
            title: pick(T.clv, lang),
            // A dot plot needs no zero, and the intervals of heavy buyers are narrow.
            scale: { zero: false },
            axis: { format: ',~f' },
          },
          x2: { field: 'high' },
          tooltip,
        },
      },
      {
        mark: { type: 'point', filled: true, size: 60, color: POINT, tooltip: true },
        encoding: { y, x: { field: 'clv', type: 'quantitative' }, tooltip },
      },
    ],
  };
}
