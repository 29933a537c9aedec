import type { Labels } from '../domain/labels';
import { LocalizedError } from '../domain/localized-error';
import type { TableMapping } from '../domain/roles';
import { FIRST_DATE_GAPS, SUMMARY_GAPS } from '../sql/features-from-summary';

/** Analyses that read dated orders, which a customer summary (totals as of one day) lacks. */
export type OrderHistoryUse = 'migration' | 'backtest' | 'predict' | 'cohorts';

const HOW: Labels = {
  en: 'Load the orders table for it; a customer summary is enough for the segmentations and the scorecard.',
  zh: '请加载订单表；客户汇总足以用于分群和评分卡。',
};

export const NEEDS_ORDERS: Record<OrderHistoryUse, Labels> = {
  migration: {
    en: 'Migration needs an orders table: it recomputes the segment of every customer as of each earlier date from the dated orders, and a customer summary holds only totals as of one day.',
    zh: '迁移分析需要订单表：它要用带日期的订单重新计算每位客户在各个较早日期的分群，而客户汇总只有某一天的累计值。',
  },
  backtest: {
    en: 'The backtest needs an orders table: it segments customers as of an earlier cutoff and counts who ordered after it, and a customer summary has neither the orders before the cutoff nor those after.',
    zh: '回测需要订单表：它要按较早的截止日分群，再统计此后谁下了单，而客户汇总既没有截止日之前的订单，也没有之后的订单。',
  },
  predict: {
    en: 'Predict needs an orders table: the models are checked on a holdout period (orders after a calibration date) and BG/BB counts purchases per period, and a customer summary has only totals.',
    zh: '预测需要订单表：模型要用留出期（校准日之后的订单）检验，BG/BB 还要按期统计购买次数，而客户汇总只有累计值。',
  },
  cohorts: {
    en: 'Cohorts need an orders table: they follow each first-purchase cohort month by month, which takes every dated order, and a customer summary has only the first and last dates.',
    zh: '同期群分析需要订单表：它要逐月跟踪每个首购同期群，需要每笔带日期的订单，而客户汇总只有首次和最近购买日期。',
  },
};

/** The message of an analysis that needs orders, with what to do, in both languages. */
export function needsOrders(use: OrderHistoryUse): Labels {
  const what = NEEDS_ORDERS[use];
  return { en: `${what.en} ${HOW.en}`, zh: `${what.zh}${HOW.zh}` };
}

const WHAT: Record<OrderHistoryUse, Labels> = {
  migration: { en: 'Migration', zh: '迁移分析' },
  backtest: { en: 'The backtest', zh: '回测' },
  predict: { en: 'Predict', zh: '预测' },
  cohorts: { en: 'Cohorts', zh: '同期群分析' },
};

/**
 * The message of an analysis that needs the dated orders a results-only bundle left out: which
 * file to add, and where.
 */
export function needsOrdersFile(use: OrderHistoryUse, file: string, table: string): Labels {
  return {
    en: `${WHAT[use].en} reads every dated order, and this bundle carries the results only. Add ${file} (table “${table}”) under “This notebook needs…” above, and it runs.`,
    zh: `${WHAT[use].zh}需要每笔带日期的订单，而此文件包只含结果。请在上方“此笔记本需要…”中添加 ${file}（表“${table}”），即可运行。`,
  };
}

export function needsOrdersError(use: OrderHistoryUse): LocalizedError {
  return new LocalizedError(needsOrders(use));
}

/**
 * Why a segmentation cannot run on features built from this customer summary: its SQL reads a
 * column the summary cannot give (NULL there, so every customer would fall through to the
 * default segment). Null when it can.
 */
export function summaryGap(sql: string, summary: TableMapping): Labels | null {
  const reads = (name: string) => new RegExp(`\\b${name}\\b`).test(sql);
  const gap = Object.keys(SUMMARY_GAPS).find(reads);
  if (gap) {
    const what = SUMMARY_GAPS[gap]!;
    return {
      en: `This segmentation reads ${gap}, which needs ${what.en}: a customer summary does not have it. Load the orders table, or choose another measure.`,
      zh: `此分群需要读取 ${gap}，它来自${what.zh}，客户汇总中没有。请加载订单表，或选择其他指标。`,
    };
  }
  if (summary.columns.firstOrderDate) return null;
  const tenure = FIRST_DATE_GAPS.find(reads);
  if (!tenure) return null;
  return {
    en: `This segmentation reads ${tenure}, which needs the first purchase date: map the First purchase date column of the summary.`,
    zh: `此分群需要读取 ${tenure}，它来自首次购买日期：请在客户汇总表中指定“首次购买日期”列。`,
  };
}
