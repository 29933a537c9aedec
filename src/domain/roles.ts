import type { Labels } from './labels';

/** What a loaded table holds. */
export type TableKind = 'customers' | 'orders' | 'interactions' | 'campaigns' | 'summary';

/** The meaning of a column, independent of what the user's file calls it. */
export type Role =
  | 'customerId'
  | 'customerName'
  | 'orderId'
  | 'orderDate'
  | 'product'
  | 'amount'
  | 'quantity'
  | 'unitPrice'
  | 'discount'
  | 'category'
  | 'brand'
  | 'channel'
  | 'province'
  | 'city'
  | 'region'
  | 'country'
  | 'customerType'
  | 'signupDate'
  | 'interactionKind'
  | 'interactionDate'
  | 'satisfaction'
  | 'campaign'
  | 'sentDate'
  | 'responded'
  | 'converted'
  | 'control'
  | 'lastOrderDate'
  | 'recencyDays'
  | 'orderCount'
  | 'totalSpend'
  | 'firstOrderDate';

/** Which roles each kind of table can carry, in the order the mapping form shows them. */
export const ROLES_BY_KIND: Record<TableKind, Role[]> = {
  customers: [
    'customerId',
    'customerName',
    'customerType',
    'province',
    'city',
    'region',
    'country',
    'signupDate',
    'channel',
  ],
  orders: [
    'customerId',
    'orderId',
    'orderDate',
    'amount',
    'quantity',
    'unitPrice',
    'product',
    'discount',
    'category',
    'brand',
    'channel',
    'province',
    'city',
    'country',
  ],
  interactions: ['customerId', 'interactionDate', 'interactionKind', 'satisfaction'],
  campaigns: ['customerId', 'campaign', 'sentDate', 'responded', 'converted', 'control'],
  summary: [
    'customerId',
    'lastOrderDate',
    'recencyDays',
    'orderCount',
    'totalSpend',
    'firstOrderDate',
    'customerName',
    'customerType',
    'province',
    'city',
    'region',
    'country',
    'channel',
    'signupDate',
  ],
};

/** Roles without which a table of that kind cannot be used. */
export const REQUIRED_ROLES: Record<TableKind, Role[]> = {
  customers: ['customerId'],
  orders: ['customerId', 'orderDate', 'amount'],
  interactions: ['customerId'],
  campaigns: ['customerId', 'responded'],
  // Recency days stand in for the last purchase date (mapping-problem.ts).
  summary: ['customerId', 'lastOrderDate', 'orderCount', 'totalSpend'],
};

/** One table's role mapping: role -> column name in that table. */
export interface TableMapping {
  table: string;
  kind: TableKind;
  columns: Partial<Record<Role, string>>;
}

export const TABLE_KIND_LABELS: Record<TableKind, Labels> = {
  customers: { en: 'Customers', zh: '客户' },
  orders: { en: 'Orders', zh: '订单' },
  interactions: { en: 'Interactions', zh: '互动' },
  campaigns: { en: 'Campaigns', zh: '营销活动' },
  summary: { en: 'Customer summary', zh: '客户汇总' },
};

export const ROLE_LABELS: Record<Role, Labels> = {
  customerId: { en: 'Customer ID', zh: '客户ID' },
  customerName: { en: 'Customer name', zh: '客户名称' },
  orderId: { en: 'Order ID', zh: '订单号' },
  orderDate: { en: 'Order date', zh: '订单日期' },
  product: { en: 'Product / stock code', zh: '商品编码' },
  amount: { en: 'Amount', zh: '金额' },
  quantity: { en: 'Quantity', zh: '数量' },
  unitPrice: { en: 'Unit price', zh: '单价' },
  discount: { en: 'Discount', zh: '折扣' },
  category: { en: 'Category', zh: '品类' },
  brand: { en: 'Brand', zh: '品牌' },
  channel: { en: 'Channel', zh: '渠道' },
  province: { en: 'Province', zh: '省份' },
  city: { en: 'City', zh: '城市' },
  region: { en: 'Region', zh: '地区' },
  country: { en: 'Country', zh: '国家' },
  customerType: { en: 'Customer type', zh: '客户类型' },
  signupDate: { en: 'Sign-up date', zh: '注册日期' },
  interactionKind: { en: 'Interaction kind', zh: '互动类型' },
  interactionDate: { en: 'Interaction date', zh: '互动日期' },
  satisfaction: { en: 'Satisfaction', zh: '满意度' },
  campaign: { en: 'Campaign', zh: '活动' },
  sentDate: { en: 'Sent date', zh: '发送日期' },
  responded: { en: 'Responded', zh: '是否响应' },
  converted: { en: 'Converted', zh: '是否转化' },
  control: { en: 'Control group', zh: '对照组' },
  lastOrderDate: { en: 'Last purchase date', zh: '最近购买日期' },
  recencyDays: { en: 'Days since last purchase', zh: '最近购买天数' },
  orderCount: { en: 'Number of orders', zh: '订单数' },
  totalSpend: { en: 'Total spend', zh: '消费总额' },
  firstOrderDate: { en: 'First purchase date', zh: '首次购买日期' },
};
