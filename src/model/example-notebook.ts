import { pick, type Lang } from '../domain/labels';
import { newCellId, type Cell, type Notebook, type TableSource } from './notebook';
import { presetById } from './presets';
import type { SqlChart } from './sql-chart';
import { kpiSql } from '../sql/kpis';
import {
  customerRfmSql,
  monthlyRevenueSql,
  rfmByLifecycleSql,
  valueTiersCellSql,
} from '../sql/example-cells';

const md = (source: string): Cell => ({ id: newCellId(), kind: 'markdown', source });
/** Instructions for the author: shown in the notebook, kept out of present mode. */
const note = (source: string): Cell => ({ id: newCellId(), kind: 'markdown', source, note: true });
/** A segmentation; the story's own open on `tab` with their form folded away. */
const preset = (presetId: string, name: string, tab?: string): Cell => ({
  id: newCellId(),
  kind: 'preset',
  presetId,
  params: structuredClone(presetById(presetId).defaults()) as Record<string, unknown>,
  name,
  strategies: {},
  ...(tab ? { view: { tab, form: 'hidden' } } : {}),
});
/** A SQL cell that opens on its result as a chart. */
const sqlChart = (source: string, chart: SqlChart): Cell => ({
  id: newCellId(),
  kind: 'sql',
  source,
  view: { show: 'chart', chart, hideCode: true },
});
/** A one-row SQL cell that opens on its result as headline figures. */
const kpis = (source: string): Cell => ({
  id: newCellId(),
  kind: 'sql',
  source,
  view: { show: 'kpi', hideCode: true },
});
const sql = (source: string, name?: string): Cell =>
  name ? { id: newCellId(), kind: 'sql', source, name } : { id: newCellId(), kind: 'sql', source };

const TEXT = {
  en: {
    title: 'Customer segmentation demo',
    intro: `## At a glance

This notebook runs entirely in your browser on the bundled sample: **5,000 customers** and about
**60,000 orders** over two years, with interactions and campaigns. Nothing is uploaded.`,
    introNote: `Each SQL cell can name its result; later cells query it by that name, and re-running a cell
re-runs the cells that depend on it.`,
    checks: `## About the data checks

SegLab checks every table as it loads (the badges in the Tables panel). On this sample it raises
two warnings, both of a kind a real shop's export shows, and both best left as they are:

- **orders — Extreme amounts**: 11 orders far above the rest, all electronics bought in bulk by
  company customers. They are real: excluding them would hide the biggest accounts.
- **interactions — Duplicate rows**: 5 feedback rows repeat another exactly. The log keeps the
  day, not the time, so a customer who left two reviews with the same score on one day appears
  twice. They are two reviews; remove them only if your system writes each event once.`,
    valueTiers: `## Value tiers

VIP are the top 10% of buyers by spend, important the next 20%, ordinary the rest; potential
customers have not ordered yet. Each tier's share of customers and of revenue.`,
    detail: `# In detail

How the figures above are made, and more ways to group the same customers.`,
    monthly: '## Revenue by month',
    features: `## Recency, frequency and monetary value per customer

Measured as of the day after the last order in the data.`,
    tiers: `## Value tiers in SQL

The same grouping as a query you can edit; it gives the same counts as the value-tiers
segmentation above.`,
    rfm: `## RFM segmentation

Recency, frequency and monetary scores (quantile bins, as in the R package \`rfm\`), named by the
classic eight-segment rule table.`,
    rfmNote: `Change the form and the counts follow; **Show SQL** reveals the query, **Edit as SQL** turns
it into a SQL cell.`,
    lifecycle: `## Lifecycle stage

Potential, new, active, loyal, at risk and churned customers, as of the analysis date.`,
    cross: '## RFM segment × lifecycle stage',
    quadrant: `## Value × loyalty

Spend against number of orders, split at the buyers' medians.`,
    quadrantNote: `Move the thresholds above the quadrant and the counts follow; the other tabs evaluate the
grouping (scorecard, geography, campaign response, backtest, migration).`,
  },
  'zh-CN': {
    title: '客户分层演示',
    intro: `## 概览

本笔记本完全在浏览器中运行，使用内置示例数据：**5,000 名客户**、约 **60,000 笔订单**（两年），以及互动和营销活动记录。数据不会上传。`,
    introNote: `SQL 单元格可以为结果命名，后续单元格即可按名称查询；重新运行某个单元格时，依赖它的单元格会自动重新运行。`,
    valueTiers: `## 客户价值分级

按消费金额排名：VIP 为前 10% 的购买客户，重要客户为其后 20%，其余为普通客户；潜在客户尚未下单。并给出各级的客户占比与销售额占比。`,
    detail: `# 详细分析

上面的数字如何得出，以及对同一批客户的更多分群方式。`,
    checks: `## 关于数据检查

SegLab 在加载时检查每个表（见“数据表”面板中的标记）。在本示例数据上有两条提示，都是真实店铺导出数据中常见的情况，两者都宜保留原样：

- **orders — 极端金额**：11 笔订单远高于其他订单，均为企业客户批量采购的电子产品。它们是真实订单：排除它们会漏掉最大的客户。
- **interactions — 重复行**：5 条反馈记录与另一条完全相同。该日志只记录日期、不记录时间，因此同一客户在同一天给出两条相同评分的评价会显示为两行。它们是两条评价；只有当您的系统对每个事件只写一次时才应删除。`,
    monthly: '## 月度销售额',
    features: `## 每位客户的最近消费、消费频次与消费金额（RFM）

以数据中最后一笔订单的次日为分析日期。`,
    tiers: `## 用 SQL 做价值分级

同样的分组写成可以修改的查询，与上面的“客户价值分级”分群人数相同。`,
    rfm: `## RFM 客户分群

按最近消费、消费频次、消费金额打分（分位数分档，与 R 语言 \`rfm\` 包一致），再用经典八类规则命名。`,
    rfmNote: `修改表单，人数随之更新；“查看 SQL”显示查询语句，“转为 SQL 编辑”可将其变为 SQL 单元格。`,
    lifecycle: `## 客户生命周期

按分析日期划分：潜在、新客、活跃、忠诚、流失风险和已流失客户。`,
    cross: '## RFM 分群 × 生命周期',
    quadrant: `## 价值 × 忠诚度四象限

以消费金额对比订单数，按购买客户的中位数划分。`,
    quadrantNote: `调整四象限上方的阈值，人数随之更新；其他标签用于评估分群效果（指标卡、地域、营销响应、回测、迁移）。`,
  },
} as const;

/** A preset's default segment labels in its rank order. */
function labels(presetId: string, lang: Lang): string[] {
  const p = presetById(presetId);
  return p.segments(p.defaults()).map((d) => pick(d.label, lang));
}

/** The notebook a first visit opens with, on the sample data, in the user's language. */
export function exampleNotebook(lang: Lang, tables: TableSource[]): Notebook {
  const t = TEXT[lang];
  const tier =
    lang === 'zh-CN'
      ? ['VIP客户', '重要客户', '普通客户', '潜在客户']
      : ['VIP', 'Important', 'Ordinary', 'Potential'];
  return {
    version: 1,
    title: t.title,
    tables,
    mappings: [],
    asOf: '',
    lang,
    example: true,
    cells: [
      md(t.intro),
      kpis(kpiSql({ orders: 'orders' })),
      md(t.quadrant),
      preset('value-loyalty', 'value_loyalty', 'quadrant'),
      note(t.quadrantNote),
      md(t.valueTiers),
      preset('value-tiers', 'value_tiers', 'shares'),
      md(t.detail),
      note(t.introNote),
      note(t.checks),
      md(t.monthly),
      sqlChart(monthlyRevenueSql(), { kind: 'line', x: 'month', y: 'revenue' }),
      md(t.features),
      sql(customerRfmSql(), 'customer_rfm'),
      md(t.tiers),
      sql(valueTiersCellSql(tier)),
      md(t.rfm),
      note(t.rfmNote),
      preset('rfm', 'rfm_segments'),
      md(t.lifecycle),
      preset('lifecycle', 'lifecycle_segments'),
      md(t.cross),
      // Rows and columns in each segmentation's rank order, not alphabetical.
      sql(rfmByLifecycleSql(labels('rfm', lang), labels('lifecycle', lang))),
    ],
  };
}
