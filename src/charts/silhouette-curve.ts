import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase, FIT_WIDTH, fittedTitle } from './chart-theme';
import { formatCount } from './number-formats';

export interface SilhouettePoint {
  k: number;
  silhouette: number;
}

export interface SilhouetteCurveOptions {
  points: SilhouettePoint[];
  /** The k the clusters use, marked on the curve. */
  chosen: number;
  /** Silhouettes measured on a sample of this many customers, when not all. */
  sample: number | null;
  lang: Lang;
  /** The container's width in pixels: titles wrap to it. */
  width?: number;
}

const T = {
  title: { en: 'Silhouette by number of clusters', zh: '不同聚类数的轮廓系数' },
  sample: {
    en: 'Measured on a fixed sample of {n} customers',
    zh: '基于固定抽样的 {n} 位客户计算',
  },
  k: { en: 'Number of clusters (k)', zh: '聚类数（k）' },
  silhouette: { en: 'Mean silhouette', zh: '平均轮廓系数' },
} satisfies Record<string, Labels>;

const LINE = '#4e79a7';
const MARK = '#1f4e8c';

/**
 * The silhouette curve: mean silhouette (−1..1) for each k tried, the k in use marked and
 * labelled. A peak means clusters that are well apart; a flat curve, no natural grouping.
 */
export function silhouetteCurve(options: SilhouetteCurveOptions): TopLevelSpec {
  const { lang, points, chosen, width } = options;
  const subtitle =
    options.sample === null
      ? undefined
      : pick(T.sample, lang).replace('{n}', formatCount(options.sample));
  const values = points.map((p) => ({
    ...p,
    label: `k = ${p.k} · ${p.silhouette.toFixed(2)}`,
    used: p.k === chosen,
  }));
  const ks = points.map((p) => p.k);
  const low = Math.min(0, ...points.map((p) => p.silhouette));
  const x = {
    field: 'k',
    type: 'quantitative' as const,
    title: pick(T.k, lang),
    scale: { domain: [Math.min(...ks) - 0.3, Math.max(...ks) + 0.3], nice: false },
    axis: { values: ks, format: 'd', grid: false },
  };
  const y = {
    field: 'silhouette',
    type: 'quantitative' as const,
    title: pick(T.silhouette, lang),
    scale: { domain: [low, 1] },
    axis: { format: '.1f', tickCount: 5 },
  };
  const tooltip = [
    { field: 'k', title: 'k' },
    { field: 'silhouette', title: pick(T.silhouette, lang), format: '.3f' },
  ];
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: 150,
    title: fittedTitle(pick(T.title, lang), subtitle, width),
    data: { values },
    layer: [
      {
        mark: { type: 'line', color: LINE, strokeWidth: 2 },
        encoding: { x, y },
      },
      {
        mark: { type: 'point', filled: true, size: 50, tooltip: true },
        encoding: {
          x,
          y,
          tooltip,
          color: { condition: { test: 'datum.used', value: MARK }, value: LINE },
          size: { condition: { test: 'datum.used', value: 160 }, value: 50 },
        },
      },
      {
        transform: [{ filter: 'datum.used' }],
        // Near the ends of the axis a centred label would run off: it ends or starts there.
        mark: {
          type: 'text',
          dy: -14,
          fontWeight: 'bold',
          color: MARK,
          fontSize: 12,
          align:
            chosen >= Math.max(...ks) - 1 ? 'right' : chosen <= Math.min(...ks) ? 'left' : 'center',
        },
        encoding: { x, y, text: { field: 'label' } },
      },
    ],
  } as TopLevelSpec;
}
