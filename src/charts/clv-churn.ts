import type { TopLevelSpec } from 'vega-lite';
import type { ChurnValidation, RocPoint } from '../model/clv/churn-validation';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase, FIT_WIDTH } from './chart-theme';
import { FORMATS, formatDecimal } from './number-formats';

const T = {
  rocTitle: {
    en: 'Churn risk vs no purchase in the holdout (ROC)',
    zh: '流失风险与验证期未购买（ROC 曲线）',
  },
  rocSubtitle: {
    en: 'AUC {auc} (0.5 is chance, 1 is perfect) · Brier score {brier} (lower is better)',
    zh: 'AUC {auc}（0.5 为随机，1 为完美）· Brier 分数 {brier}（越低越好）',
  },
  fpr: {
    en: 'Buyers flagged as at risk (false positive rate)',
    zh: '被误判为有风险的复购客户比例（假阳性率）',
  },
  tpr: {
    en: 'Non-buyers flagged as at risk (true positive rate)',
    zh: '被识别为有风险的未购买客户比例（真阳性率）',
  },
  threshold: { en: 'Churn risk at least', zh: '流失风险不低于' },
  calTitle: {
    en: 'P(alive) calibration by decile',
    zh: '存活概率校准（按十分位）',
  },
  calSubtitle: {
    en: 'Each point: a tenth of customers by P(alive). The diagonal is P(alive) = share who bought.',
    zh: '每个点为按存活概率划分的十分之一客户；对角线表示存活概率等于实际复购比例。',
  },
  meanPAlive: { en: 'Mean P(alive) at calibration end', zh: '校准期末平均存活概率' },
  bought: { en: 'Share who bought in the holdout', zh: '验证期内有购买的客户比例' },
  decile: { en: 'Decile', zh: '十分位' },
  customers: { en: 'Customers', zh: '客户数' },
} satisfies Record<string, Labels>;

const LINE = '#4e79a7';
const CHANCE = '#bab0ac';

/** At most this many ROC points are drawn; the curve keeps its first and last point. */
const MAX_POINTS = 400;

function thin(points: readonly RocPoint[]): RocPoint[] {
  if (points.length <= MAX_POINTS) return [...points];
  const step = (points.length - 1) / (MAX_POINTS - 1);
  return Array.from({ length: MAX_POINTS }, (_, i) => points[Math.round(i * step)]);
}

const unitAxis = (title: string) => ({
  type: 'quantitative' as const,
  title,
  scale: { domain: [0, 1] },
  axis: { format: FORMATS.percent, tickCount: 5 },
});

/** The ROC curve of churn risk 1 - P(alive) against "no purchase in the holdout". */
export function churnRocSpec(v: ChurnValidation, lang: Lang): TopLevelSpec {
  const subtitle = pick(T.rocSubtitle, lang)
    .replace('{auc}', formatDecimal(v.auc))
    .replace('{brier}', v.brier.toFixed(3));
  const values = thin(v.roc).map((p) => ({
    ...p,
    threshold: Number.isFinite(p.threshold) ? p.threshold : null,
  }));
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: 300,
    title: { text: pick(T.rocTitle, lang), subtitle },
    layer: [
      {
        data: {
          values: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
        },
        mark: { type: 'line', color: CHANCE, strokeDash: [4, 4] },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
        },
      },
      {
        data: { values },
        mark: { type: 'line', color: LINE, strokeWidth: 2, interpolate: 'step-after' },
        encoding: {
          x: { field: 'fpr', ...unitAxis(pick(T.fpr, lang)) },
          y: { field: 'tpr', ...unitAxis(pick(T.tpr, lang)) },
          order: { field: 'fpr', type: 'quantitative' },
          tooltip: [
            {
              field: 'threshold',
              type: 'quantitative',
              title: pick(T.threshold, lang),
              format: FORMATS.percent,
            },
            {
              field: 'tpr',
              type: 'quantitative',
              title: pick(T.tpr, lang),
              format: FORMATS.percent,
            },
            {
              field: 'fpr',
              type: 'quantitative',
              title: pick(T.fpr, lang),
              format: FORMATS.percent,
            },
          ],
        },
      },
    ],
  };
}

/** Mean P(alive) per decile against the share who bought in the holdout, with the diagonal. */
export function churnCalibrationSpec(v: ChurnValidation, lang: Lang): TopLevelSpec {
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: 300,
    title: { text: pick(T.calTitle, lang), subtitle: pick(T.calSubtitle, lang) },
    layer: [
      {
        data: {
          values: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
        },
        mark: { type: 'line', color: CHANCE, strokeDash: [4, 4] },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
        },
      },
      {
        data: { values: v.calibration },
        mark: { type: 'line', color: LINE, point: { filled: true, size: 60 } },
        encoding: {
          x: { field: 'meanPAlive', ...unitAxis(pick(T.meanPAlive, lang)) },
          y: { field: 'boughtShare', ...unitAxis(pick(T.bought, lang)) },
          tooltip: [
            { field: 'decile', type: 'ordinal', title: pick(T.decile, lang) },
            {
              field: 'customers',
              type: 'quantitative',
              title: pick(T.customers, lang),
              format: FORMATS.count,
            },
            {
              field: 'meanPAlive',
              type: 'quantitative',
              title: pick(T.meanPAlive, lang),
              format: FORMATS.percent,
            },
            {
              field: 'boughtShare',
              type: 'quantitative',
              title: pick(T.bought, lang),
              format: FORMATS.percent,
            },
          ],
        },
      },
    ],
  };
}
