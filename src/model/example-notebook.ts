import type { Lang } from './labels';
import { newCellId, type Cell, type Notebook, type TableSource } from './notebook';
import { presetById } from './presets';
import type { SqlChart } from './sql-chart';
import { kpiSql } from '../sql/kpis';

const md = (source: string): Cell => ({ id: newCellId(), kind: 'markdown', source });
/** Instructions for the author: shown in the notebook, kept out of present mode. */
const note = (source: string): Cell => ({ id: newCellId(), kind: 'markdown', source, note: true });
const preset = (presetId: string, name: string, tab?: string): Cell => ({
  id: newCellId(),
  kind: 'preset',
  presetId,
  params: structuredClone(presetById(presetId).defaults()) as Record<string, unknown>,
  name,
  strategies: {},
  ...(tab ? { view: { tab } } : {}),
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
    valueTiers: `## Value tiers

VIP, important, ordinary and potential customers by spend and order count, with their share of
customers and of revenue.`,
    detail: `# In detail

How the figures above are made, and more ways to group the same customers.`,
    monthly: '## Revenue by month',
    features: `## Recency, frequency and monetary value per customer

Measured as of the day after the last order in the data.`,
    tiers: `## Value tiers in SQL

The same idea as a query you can edit: VIP, important, ordinary and potential customers by spend and order count.`,
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
    quadrantNote: `Open the **Quadrant** tab to see the customers and move the thresholds; the other tabs
evaluate the grouping (scorecard, geography, campaign response, backtest, migration).`,
  },
  'zh-CN': {
    title: '客户分层演示',
    intro: `## 概览

本笔记本完全在浏览器中运行，使用内置示例数据：**5,000 名客户**、约 **60,000 笔订单**（两年），
以及互动和营销活动记录。数据不会上传。`,
    introNote: `SQL 单元格可以为结果命名，后续单元格即可按名称查询；重新运行某个单元格时，依赖它的单元格会自动重新运行。`,
    valueTiers: `## 客户价值分级

按消费金额和订单数分为 VIP、重要、普通和潜在客户，并给出各级的客户占比与销售额占比。`,
    detail: `# 详细分析

上面的数字如何得出，以及对同一批客户的更多分群方式。`,
    monthly: '## 月度销售额',
    features: `## 每位客户的最近消费、消费频次与消费金额（RFM）

以数据中最后一笔订单的次日为分析日期。`,
    tiers: `## 用 SQL 做价值分级

同样的思路，写成可以修改的查询：按消费金额和订单数分为 VIP、重要、普通和潜在客户。`,
    rfm: `## RFM 客户分群

按最近消费、消费频次、消费金额打分（分位数分档，与 R 语言 \`rfm\` 包一致），再用经典八类规则命名。`,
    rfmNote: `修改表单，人数随之更新；“查看 SQL”显示查询语句，“转为 SQL 编辑”可将其变为 SQL 单元格。`,
    lifecycle: `## 客户生命周期

按分析日期划分：潜在、新客、活跃、忠诚、流失风险和已流失客户。`,
    cross: '## RFM 分群 × 生命周期',
    quadrant: `## 价值 × 忠诚度四象限

以消费金额对比订单数，按购买客户的中位数划分。`,
    quadrantNote: `打开“四象限”标签查看客户分布并调整阈值；其他标签用于评估分群效果（指标卡、地域、营销响应、回测、迁移）。`,
  },
} as const;

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
      note(t.quadrantNote),
      preset('value-loyalty', 'value_loyalty', 'quadrant'),
      md(t.valueTiers),
      preset('value-tiers', 'value_tiers', 'shares'),
      md(t.detail),
      note(t.introNote),
      md(t.monthly),
      sqlChart(
        `SELECT
  date_trunc('month', order_datetime)::DATE AS month,
  count(*) AS orders,
  round(sum(amount), 2) AS revenue
FROM orders
GROUP BY ALL
ORDER BY month`,
        { kind: 'line', x: 'month', y: 'revenue' },
      ),
      md(t.features),
      sql(
        `WITH as_of AS (SELECT max(order_datetime)::DATE + 1 AS day FROM orders)
SELECT
  c.customer_id,
  c.province,
  date_diff('day', max(o.order_datetime)::DATE, any_value(as_of.day)) AS recency_days,
  count(o.order_id) AS frequency,
  coalesce(round(sum(o.amount), 2), 0) AS monetary
FROM customers AS c
LEFT JOIN orders AS o USING (customer_id)
CROSS JOIN as_of
GROUP BY ALL`,
        'customer_rfm',
      ),
      md(t.tiers),
      sql(`SELECT
  CASE
    WHEN monetary >= 20000 AND frequency >= 20 THEN '${tier[0]}'
    WHEN monetary >= 5000 THEN '${tier[1]}'
    WHEN frequency >= 2 THEN '${tier[2]}'
    ELSE '${tier[3]}'
  END AS segment,
  count(*) AS customers,
  round(sum(monetary), 2) AS revenue,
  round(100 * sum(monetary) / sum(sum(monetary)) OVER (), 1) AS revenue_share_pct
FROM customer_rfm
GROUP BY ALL
ORDER BY revenue DESC`),
      md(t.rfm),
      note(t.rfmNote),
      preset('rfm', 'rfm_segments'),
      md(t.lifecycle),
      preset('lifecycle', 'lifecycle_segments'),
      md(t.cross),
      sql(`PIVOT (
  SELECT r.segment AS rfm_segment, l.segment AS lifecycle
  FROM rfm_segments AS r
  JOIN lifecycle_segments AS l USING (customer_id)
)
ON lifecycle
USING count(*)
ORDER BY rfm_segment`),
    ],
  };
}
