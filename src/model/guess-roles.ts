import { isIdLikeName } from './id-like-column';
import { REQUIRED_ROLES, ROLES_BY_KIND, type Role, type TableKind } from '../domain/roles';

/**
 * Header spellings per role, space-separated and compared after `normalize`: first the exact
 * headers, then words that may appear anywhere in a header (only tried once every exact match
 * is taken). Earlier spellings are better guesses.
 */
const SYNONYMS: Record<Role, [exact: string, partial: string]> = {
  customerId: [
    'customerid custid customer customerno customernumber clientid userid memberid buyerid 客户id 客户编号 客户号 客户代码 会员id 会员编号 用户id 用户编号 顾客id 顾客编号',
    'customerid custid clientid memberid userid 客户id 客户编号 会员id 用户id',
  ],
  customerName: [
    'name customername fullname clientname 客户名称 客户名 客户姓名 姓名 名称 顾客姓名 会员名称',
    'customername 姓名 客户名',
  ],
  orderId: [
    'orderid orderno ordernumber invoiceno invoice invoiceid invoicenumber transactionid txnid receiptno 订单号 订单编号 订单id 单号 交易号 交易编号 发票号',
    'orderid orderno invoiceno 订单号 订单编号',
  ],
  orderDate: [
    'orderdate invoicedate date transactiondate purchasedate orderdatetime ordertime orderedat saledate 订单日期 下单时间 下单日期 交易日期 交易时间 购买日期 购买时间 订单时间 日期 支付时间 付款时间',
    'date 日期 时间',
  ],
  product: [
    'stockcode productid productcode product sku itemid itemcode itemno articleno 商品编码 商品编号 商品id 产品编码 产品编号 货号 物料编码 sku编码',
    'stockcode productid productcode sku 商品编码 商品编号 货号',
  ],
  amount: [
    'amount revenue sales total totalamount ordervalue orderamount dollarvalue value payment paidamount gmv salesamount 金额 实付金额 订单金额 销售额 消费金额 支付金额 实付 总金额 总价 营业额 成交金额',
    'amount revenue sales 金额 销售额',
  ],
  quantity: [
    'quantity qty units numberofitems numberofcds itemcount 数量 件数 购买数量 销量',
    'quantity qty numberof 数量',
  ],
  unitPrice: ['unitprice price itemprice 单价 价格 商品单价', 'price 单价'],
  discount: [
    'discount discountamount coupon couponamount promotion 折扣 优惠 优惠金额 折扣金额 优惠券',
    'discount 折扣 优惠',
  ],
  category: [
    'category productcategory cat categoryname 品类 类目 类别 商品类别 商品品类 分类',
    'category 品类 类目',
  ],
  brand: ['brand brandname 品牌', 'brand 品牌'],
  channel: ['channel saleschannel source 渠道 来源 销售渠道', 'channel 渠道'],
  province: ['province state 省份 省', 'province 省份'],
  city: ['city 城市 市', 'city 城市'],
  region: ['region area 地区 区域 大区', 'region 地区 区域'],
  country: ['country nation 国家', 'country 国家'],
  customerType: [
    'customertype type clienttype membertype 客户类型 类型 客户类别',
    'customertype 客户类型',
  ],
  signupDate: [
    'signupdate registrationdate registerdate joindate joineddate createdat 注册日期 注册时间 入会日期 开户日期',
    'signup register 注册',
  ],
  interactionKind: [
    'kind type interactiontype interactionkind eventtype 互动类型 类型 事件类型',
    'type 类型',
  ],
  interactionDate: [
    'date interactiondate eventdate time 互动日期 互动时间 日期 时间',
    'date 日期 时间',
  ],
  satisfaction: ['satisfaction csat rating score 满意度 评分', 'satisfaction 满意'],
  campaign: ['campaign campaignid campaignname 活动 活动id 活动名称 活动编号', 'campaign 活动'],
  sentDate: ['sentdate senddate sentat date 发送日期 发送时间 日期', 'sent send 发送'],
  responded: ['responded response isresponded 是否响应 响应', 'respon 响应'],
  converted: ['converted conversion isconverted 是否转化 转化', 'convert 转化'],
  control: ['control controlgroup iscontrol holdout 对照组 是否对照组 对照', 'control 对照'],
  lastOrderDate: [
    'lastorderdate lastpurchasedate lastpurchase lastorder mostrecentvisit mostrecentpurchase mostrecentorder lastorderat lastorderedat lastpurchaseat lastdate lastseen lasttransactiondate 最近购买日期 最后购买日期 最近下单日期 最后下单日期 最近订单日期 最后订单日期 最近购买时间 最后购买时间 最近消费日期 最后消费日期',
    'lastorder lastpurchase mostrecent 最近购买 最后购买 最近下单 最后下单 最近消费',
  ],
  recencyDays: [
    'recency recencydays dayssincelastorder dayssincelastpurchase daysince dayssince 最近购买天数 距上次购买天数 最近消费天数 未购买天数 沉睡天数 r值 最近一次消费间隔',
    'recency dayssince 天数 间隔',
  ],
  orderCount: [
    'orders ordercount numorders numberoforders norders frequency totalorders purchases purchasecount numberofpurchases transactions transactioncount 订单数 订单数量 订单次数 购买次数 消费次数 交易次数 下单次数 购买频次 频次 f值',
    'orders ordercount frequency purchases 订单数 次数 频次',
  ],
  totalSpend: [
    'totalspent totalspend monetary spend spent totalrevenue revenue totalamount totalsales sales lifetimevalue ltv totalvalue amount 消费总额 消费金额 累计消费 累计金额 总消费 总金额 总消费金额 销售额 消费额 m值',
    'spen monetary revenue total 消费 金额',
  ],
  firstOrderDate: [
    'firstorderdate firstpurchasedate firstpurchase firstorder firstorderat firstpurchaseat firstdate firsttransactiondate 首次购买日期 首次下单日期 首单日期 第一次购买日期 首次消费日期 首次购买时间 首购日期',
    'firstorder firstpurchase 首次 首单 首购',
  ],
};

/** Roles read as numbers: an identifier column (发票号, StockCode, "Sales No") never gets one. */
const NUMERIC_ROLES = new Set<Role>([
  'amount',
  'quantity',
  'unitPrice',
  'discount',
  'recencyDays',
  'orderCount',
  'totalSpend',
]);

function words(list: string): string[] {
  return list.split(' ').filter(Boolean);
}

/** Lower case without spaces, underscores or punctuation: `Customer ID` -> `customerid`. */
function normalize(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Guesses which column plays which role in a table of the given kind, from its headers
 * (English or Chinese, any case, spaces and underscores ignored). Each column gets at most one
 * role; roles without a convincing header are left out.
 */
export function guessRoles(kind: TableKind, columns: string[]): Partial<Record<Role, string>> {
  if (!ROLES_BY_KIND[kind]) throw new Error(`Unknown table kind: ${String(kind)}`);
  const roles = ROLES_BY_KIND[kind];
  const headers = columns.map(normalize);
  const used = new Set<number>();
  const found: Partial<Record<Role, string>> = {};
  const take = (role: Role, test: (header: string) => boolean) => {
    if (found[role]) return;
    const index = headers.findIndex(
      (header, i) =>
        !used.has(i) && test(header) && !(NUMERIC_ROLES.has(role) && isIdLikeName(columns[i]!)),
    );
    if (index < 0) return;
    used.add(index);
    found[role] = columns[index];
  };
  for (const role of roles) {
    for (const word of words(SYNONYMS[role][0])) take(role, (header) => header === word);
  }
  for (const role of roles) {
    for (const word of words(SYNONYMS[role][1])) take(role, (header) => header.includes(word));
  }
  return found;
}

const NAME_HINTS: [TableKind, RegExp][] = [
  ['campaigns', /campaign|marketing|promo|活动|营销/i],
  ['interactions', /interaction|event|ticket|support|feedback|互动|客服|工单|投诉|反馈/i],
  ['summary', /summary|rfm|汇总|概况|统计/i],
  ['orders', /order|invoice|transaction|sales|purchase|retail|订单|交易|销售|购买|流水/i],
  ['customers', /customer|client|member|user|客户|会员|用户|顾客/i],
];

const KIND_ORDER: TableKind[] = ['orders', 'summary', 'customers', 'interactions', 'campaigns'];

function usable(kind: TableKind, roles: Partial<Record<Role, string>>): boolean {
  const missing = REQUIRED_ROLES[kind].filter((role) => !roles[role]);
  if (kind === 'orders' && missing.length === 1 && missing[0] === 'amount') {
    return Boolean(roles.quantity && roles.unitPrice);
  }
  if (kind === 'summary' && missing.length === 1 && missing[0] === 'lastOrderDate') {
    return Boolean(roles.recencyDays);
  }
  return missing.length === 0;
}

/**
 * Guesses what a table holds: the one kind its name points to, else the usable kind whose
 * roles explain the most columns (ties go to orders, then customers). A "customers" table with
 * order counts, spend and a last purchase is a customer summary.
 */
export function guessTableKind(tableName: string, columns: string[]): TableKind {
  const hinted = NAME_HINTS.filter(([, pattern]) => pattern.test(tableName)).map(([k]) => k);
  if (hinted.length === 1 && hinted[0] === 'customers') {
    return usable('summary', guessRoles('summary', columns)) ? 'summary' : 'customers';
  }
  if (hinted.length === 1) return hinted[0]!;
  const candidates = hinted.length > 1 ? hinted : KIND_ORDER;
  let best: TableKind = 'customers';
  let bestScore = -1;
  for (const kind of KIND_ORDER.filter((k) => candidates.includes(k))) {
    const roles = guessRoles(kind, columns);
    if (!usable(kind, roles)) continue;
    const score = Object.keys(roles).length;
    if (score > bestScore) [best, bestScore] = [kind, score];
  }
  return best;
}
