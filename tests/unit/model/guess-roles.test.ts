import { describe, expect, it } from 'vitest';
import { guessRoles, guessTableKind } from '../../../src/model/guess-roles';

const ONLINE_RETAIL = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
];
const CDNOW = ['customer_id', 'date', 'number_of_cds', 'dollar_value'];
const CHINESE_ORDERS = [
  '订单编号',
  '客户编号',
  '下单时间',
  '商品名称',
  '数量',
  '单价',
  '优惠金额',
  '实付金额',
  '品类',
  '品牌',
  '渠道',
  '省份',
  '城市',
];

describe('guessRoles', () => {
  it('maps the Online Retail headers', () => {
    expect(guessRoles('orders', ONLINE_RETAIL)).toEqual({
      orderId: 'InvoiceNo',
      product: 'StockCode',
      quantity: 'Quantity',
      orderDate: 'InvoiceDate',
      unitPrice: 'UnitPrice',
      customerId: 'CustomerID',
      country: 'Country',
    });
  });

  it('maps the CDNOW headers', () => {
    expect(guessRoles('orders', CDNOW)).toEqual({
      customerId: 'customer_id',
      orderDate: 'date',
      quantity: 'number_of_cds',
      amount: 'dollar_value',
    });
  });

  it('maps Chinese order headers, keeping the discount apart from the amount', () => {
    expect(guessRoles('orders', CHINESE_ORDERS)).toEqual({
      orderId: '订单编号',
      customerId: '客户编号',
      orderDate: '下单时间',
      quantity: '数量',
      unitPrice: '单价',
      discount: '优惠金额',
      amount: '实付金额',
      category: '品类',
      brand: '品牌',
      channel: '渠道',
      province: '省份',
      city: '城市',
    });
  });

  it('ignores case, spaces and underscores', () => {
    expect(
      guessRoles('orders', ['Customer ID', 'ORDER_DATE', 'Total', 'order id', 'Unit_Price']),
    ).toEqual({
      customerId: 'Customer ID',
      orderDate: 'ORDER_DATE',
      amount: 'Total',
      orderId: 'order id',
      unitPrice: 'Unit_Price',
    });
    for (const id of ['cust_id', '客户ID', '会员ID', '用户ID', 'CustomerID']) {
      expect(guessRoles('orders', [id, 'x']).customerId).toBe(id);
    }
    for (const day of ['订单日期', '下单日期', '交易日期', 'Date']) {
      expect(guessRoles('orders', ['x', day]).orderDate).toBe(day);
    }
    for (const amount of ['金额', '订单金额', '销售额', 'revenue', 'Sales']) {
      expect(guessRoles('orders', [amount]).amount).toBe(amount);
    }
  });

  it('maps customer tables in both languages', () => {
    expect(
      guessRoles('customers', [
        '客户ID',
        '客户名称',
        '客户类型',
        '省',
        '城市',
        '大区',
        '国家',
        '注册日期',
      ]),
    ).toEqual({
      customerId: '客户ID',
      customerName: '客户名称',
      customerType: '客户类型',
      province: '省',
      city: '城市',
      region: '大区',
      country: '国家',
      signupDate: '注册日期',
    });
    expect(
      guessRoles('customers', ['Customer ID', 'Name', 'Type', 'Region', 'Country', 'Signup Date']),
    ).toEqual({
      customerId: 'Customer ID',
      customerName: 'Name',
      customerType: 'Type',
      region: 'Region',
      country: 'Country',
      signupDate: 'Signup Date',
    });
  });

  it('maps interaction and campaign tables', () => {
    expect(guessRoles('interactions', ['用户ID', '互动类型', '日期', '满意度'])).toEqual({
      customerId: '用户ID',
      interactionKind: '互动类型',
      interactionDate: '日期',
      satisfaction: '满意度',
    });
    expect(guessRoles('interactions', ['customer_id', 'type', 'date', 'satisfaction'])).toEqual({
      customerId: 'customer_id',
      interactionKind: 'type',
      interactionDate: 'date',
      satisfaction: 'satisfaction',
    });
    expect(
      guessRoles('campaigns', ['会员ID', '活动', '发送日期', '是否响应', '是否转化', '对照组']),
    ).toEqual({
      customerId: '会员ID',
      campaign: '活动',
      sentDate: '发送日期',
      responded: '是否响应',
      converted: '是否转化',
      control: '对照组',
    });
    expect(
      guessRoles('campaigns', [
        'customer_id',
        'campaign_id',
        'sent_date',
        'responded',
        'converted',
        'control',
      ]),
    ).toEqual({
      customerId: 'customer_id',
      campaign: 'campaign_id',
      sentDate: 'sent_date',
      responded: 'responded',
      converted: 'converted',
      control: 'control',
    });
  });

  it('gives each column at most one role, and only roles of the table kind', () => {
    // `date` could be the order date or the sign-up date; `type` is not an order role.
    const roles = guessRoles('orders', ['customer_id', 'date', 'signup_date', 'type', 'amount']);
    expect(roles).toEqual({ customerId: 'customer_id', orderDate: 'date', amount: 'amount' });
    const used = Object.values(guessRoles('orders', ['date', 'order_date', 'time']));
    expect(new Set(used).size).toBe(used.length);
    expect(guessRoles('orders', ['foo', 'bar'])).toEqual({});
  });

  it('never gives an identifier column a number role, in English or Chinese', () => {
    // "Sales No" and "销售额编号" hold the word for sales, but they are numbers of documents.
    expect(guessRoles('orders', ['InvoiceNo', 'Sales No', 'Quantity', 'Price'])).toEqual({
      orderId: 'InvoiceNo',
      quantity: 'Quantity',
      unitPrice: 'Price',
    });
    expect(guessRoles('orders', ['发票号', '商品编码', '销售额编号', '数量', '单价'])).toEqual({
      orderId: '发票号',
      product: '商品编码',
      quantity: '数量',
      unitPrice: '单价',
    });
    expect(guessRoles('orders', ['TotalCode', 'discount_id', 'revenue']).amount).toBe('revenue');
    expect(guessRoles('orders', ['discount_id']).discount).toBeUndefined();
    // "Number of ..." is a count, not an identifier.
    expect(guessRoles('orders', ['number_of_cds']).quantity).toBe('number_of_cds');
  });

  it('rejects an unknown kind', () => {
    expect(() => guessRoles('products' as never, ['x'])).toThrow(/Unknown table kind/);
  });
});

describe('guessTableKind', () => {
  it('follows a clear table name', () => {
    expect(guessTableKind('订单明细', ['a', 'b'])).toBe('orders');
    expect(guessTableKind('customers', ONLINE_RETAIL)).toBe('customers');
    expect(guessTableKind('营销活动', ['客户ID', '是否响应'])).toBe('campaigns');
    expect(guessTableKind('service_tickets', ['customer_id', 'type'])).toBe('interactions');
  });

  it('falls back on the columns', () => {
    expect(guessTableKind('data', ONLINE_RETAIL)).toBe('orders');
    expect(guessTableKind('CDNOW_master', CDNOW)).toBe('orders');
    expect(
      guessTableKind('rfm_data_customer', [
        'customer_id',
        'revenue',
        'most_recent_visit',
        'number_of_orders',
        'recency_days',
      ]),
    ).toBe('summary');
    expect(guessTableKind('sheet1', ['客户ID', '姓名', '类型', '城市', '注册日期'])).toBe(
      'customers',
    );
    expect(guessTableKind('sheet2', ['客户ID', '互动类型', '日期', '满意度'])).toBe('interactions');
    expect(guessTableKind('sheet3', ['customer_id', 'responded', 'converted'])).toBe('campaigns');
  });
});

describe('customer summary headers', () => {
  it('recognises English export headers', () => {
    const columns = [
      'customer_id',
      'last_order_date',
      'order_count',
      'total_spent',
      'first_order_date',
      'region',
      'channel',
    ];
    expect(guessTableKind('crm_export', columns)).toBe('summary');
    expect(guessRoles('summary', columns)).toEqual({
      customerId: 'customer_id',
      lastOrderDate: 'last_order_date',
      orderCount: 'order_count',
      totalSpend: 'total_spent',
      firstOrderDate: 'first_order_date',
      region: 'region',
      channel: 'channel',
    });
  });

  it('recognises RFM-style headers with recency days', () => {
    const columns = ['CustomerID', 'Recency', 'Frequency', 'Monetary', 'Province'];
    expect(guessTableKind('rfm', columns)).toBe('summary');
    expect(guessRoles('summary', columns)).toEqual({
      customerId: 'CustomerID',
      recencyDays: 'Recency',
      orderCount: 'Frequency',
      totalSpend: 'Monetary',
      province: 'Province',
    });
  });

  it('recognises Chinese headers', () => {
    const columns = [
      '客户ID',
      '最近购买天数',
      '订单数',
      '消费总额',
      '首次购买日期',
      '省份',
      '客户类型',
    ];
    expect(guessRoles('summary', columns)).toEqual({
      customerId: '客户ID',
      recencyDays: '最近购买天数',
      orderCount: '订单数',
      totalSpend: '消费总额',
      firstOrderDate: '首次购买日期',
      province: '省份',
      customerType: '客户类型',
    });
    const dated = ['会员编号', '最近购买日期', '购买次数', '累计消费'];
    expect(guessRoles('summary', dated)).toEqual({
      customerId: '会员编号',
      lastOrderDate: '最近购买日期',
      orderCount: '购买次数',
      totalSpend: '累计消费',
    });
    expect(guessTableKind('客户汇总', dated)).toBe('summary');
  });

  it('takes a customers file with orders and spend for a summary, and leaves others alone', () => {
    expect(guessTableKind('customers', ['customer_id', 'last_purchase', 'orders', 'spend'])).toBe(
      'summary',
    );
    expect(
      guessTableKind('customers', ['customer_id', 'name', 'type', 'province', 'signup_date']),
    ).toBe('customers');
    expect(guessTableKind('data', ['customer_id', 'order_date', 'amount', 'order_id'])).toBe(
      'orders',
    );
  });
});
