import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableMapping } from '../../../src/domain/roles';
import { featuresSql, type FeaturesInput } from '../../../src/sql/features';
import { FEATURE_COLUMNS } from '../../support/features-fixture';
import { NodeEngine } from '../../support/node-engine';

const d = (day: string) => new Date(`${day}T00:00:00Z`);

const ORDERS: TableMapping = {
  table: 'shop orders',
  kind: 'orders',
  columns: {
    customerId: '客户ID',
    orderId: 'order_no',
    orderDate: 'ordered_at',
    amount: 'paid',
    quantity: 'qty',
    discount: 'discount',
    brand: 'brand',
    category: 'category',
    province: 'province',
  },
};
const CUSTOMERS: TableMapping = {
  table: 'customers',
  kind: 'customers',
  columns: {
    customerId: 'id',
    customerName: 'name',
    customerType: 'type',
    province: 'province',
    city: 'city',
    region: 'region',
    signupDate: 'signup',
  },
};
const INTERACTIONS: TableMapping = {
  table: 'touches',
  kind: 'interactions',
  columns: {
    customerId: 'cust',
    interactionKind: 'kind',
    interactionDate: 'day',
    satisfaction: 'csat',
  },
};
const FULL: FeaturesInput = {
  name: 'features',
  asOf: '2024-03-01',
  orders: ORDERS,
  customers: CUSTOMERS,
  interactions: INTERACTIONS,
};

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`
    CREATE TABLE "shop orders" AS SELECT * FROM (VALUES
      ('o1', 'A',   TIMESTAMP '2024-01-01 10:00:00', 30.0, 3, 0.0,  'Nike',   'shoes',  'Zhejiang'),
      ('o1', ' A ', TIMESTAMP '2024-01-01 10:00:00', 20.0, 1, 5.0,  'Adidas', 'socks',  'Zhejiang'),
      ('o2', 'A',   TIMESTAMP '2024-01-11 09:00:00', 50.0, 5, 0.0,  'Adidas', 'shoes',  'Jiangsu'),
      ('o3', 'A',   TIMESTAMP '2024-02-10 23:59:00', 100.0, 4, NULL, 'Nike',  'shirts', 'Zhejiang'),
      ('o4', 'A',   TIMESTAMP '2024-03-01 00:00:00', 999.0, 1, 0.0, 'Puma',   'hats',   'Beijing'),
      ('o5', 'B',   TIMESTAMP '2024-02-29 12:00:00', 40.0, 2, 1.0,  'Puma',   'shoes',  'Hubei'),
      ('o6', 'D',   TIMESTAMP '2024-02-01 08:00:00', 15.0, 1, 0.0,  NULL,     NULL,     'Sichuan')
    ) AS t(order_no, "客户ID", ordered_at, paid, qty, discount, brand, category, province);
    CREATE TABLE customers AS SELECT * FROM (VALUES
      ('A',  'Alice', 'VIP',     'Shanghai',  'Shanghai', 'East',    DATE '2023-05-01'),
      ('B ', 'Bob',   'Regular', NULL,        'Wuhan',    'Central', DATE '2023-06-01'),
      ('C',  'Chen',  'Regular', 'Guangdong', 'Shenzhen', 'South',   DATE '2024-02-15')
    ) AS t(id, name, type, province, city, region, signup);
    CREATE TABLE touches AS SELECT * FROM (VALUES
      ('A', 'Complaint', DATE '2024-01-05', 2),
      ('A', '投诉',      DATE '2024-02-01', 4),
      ('A', 'feedback',  DATE '2024-02-02', NULL),
      ('A', 'complaint', DATE '2024-03-05', 1),
      ('B', '推荐',      DATE '2024-01-20', 5),
      ('E', 'referral',  DATE '2024-01-01', 3)
    ) AS t(cust, kind, day, csat);
  `);
  await engine.exec(featuresSql(FULL));
});
afterAll(() => engine.close());

async function rows(table = 'features') {
  return (await engine.query(`SELECT * FROM ${table} ORDER BY customer_id`)).rows;
}

describe('featuresSql', () => {
  it('creates the contract columns with their types', async () => {
    const { rows: described } = await engine.query('DESCRIBE features');
    // The shared fixture other tests build features with must match the real table exactly.
    expect(Object.fromEntries(described.map((r) => [r.column_name, r.column_type]))).toEqual(
      FEATURE_COLUMNS,
    );
  });

  it('builds per-customer features from multi-line orders before the analysis date', async () => {
    const [a, b, c, d2] = await rows();
    // A: orders o1 (30+20, one line discounted), o2 (50), o3 (100, discount unknown); o4 is on
    // the analysis date and does not count. Unit prices 30/3, 20/1, 50/5, 100/4.
    expect(a).toEqual({
      customer_id: 'A',
      is_prospect: false,
      first_order_date: d('2024-01-01'),
      last_order_date: d('2024-02-10'),
      recency_days: 20,
      frequency: 3,
      purchase_days: 3,
      monetary: 200,
      avg_order_value: expect.closeTo(200 / 3, 10),
      max_order_value: 100,
      tenure_days: 60,
      avg_interpurchase_days: 20,
      discount_share: expect.closeTo(1 / 3, 10),
      avg_unit_price: 16.25,
      top_brand_share: expect.closeTo(2 / 3, 10), // Nike in o1, o3; Adidas in o1, o2
      category_count: 3,
      complaint_count: 2,
      referral_count: 0,
      feedback_count: 1,
      avg_satisfaction: 3,
      customer_name: 'Alice',
      customer_type: 'VIP',
      province: 'Shanghai',
      city: 'Shanghai',
      region: 'East',
      country: null,
      signup_date: d('2023-05-01'),
    });
    expect(b).toMatchObject({
      customer_id: 'B',
      last_order_date: d('2024-02-29'),
      recency_days: 1,
      frequency: 1,
      monetary: 40,
      tenure_days: 1,
      avg_interpurchase_days: null,
      discount_share: 1,
      avg_unit_price: 20,
      top_brand_share: 1,
      referral_count: 1,
      complaint_count: 0,
      avg_satisfaction: 5,
      province: 'Hubei', // empty in the customers table, most frequent in orders
      city: 'Wuhan',
    });
    expect(c).toEqual({
      customer_id: 'C',
      is_prospect: true,
      first_order_date: null,
      last_order_date: null,
      recency_days: null,
      frequency: 0,
      purchase_days: 0,
      monetary: 0,
      avg_order_value: null,
      max_order_value: null,
      tenure_days: null,
      avg_interpurchase_days: null,
      discount_share: null,
      avg_unit_price: null,
      top_brand_share: null,
      category_count: 0,
      complaint_count: 0,
      referral_count: 0,
      feedback_count: 0,
      avg_satisfaction: null,
      customer_name: 'Chen',
      customer_type: 'Regular',
      province: 'Guangdong',
      city: 'Shenzhen',
      region: 'South',
      country: null,
      signup_date: d('2024-02-15'),
    });
    // D is only in orders; E only in interactions and is left out.
    expect(d2).toMatchObject({
      customer_id: 'D',
      is_prospect: false,
      frequency: 1,
      discount_share: 0,
      top_brand_share: null,
      category_count: 0,
      province: 'Sichuan',
      customer_name: null,
      signup_date: null,
      complaint_count: 0,
    });
    expect((await rows()).map((r) => r.customer_id)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('counts rows as orders without an order id and derives amount from quantity × unit price', async () => {
    await engine.exec(`
      CREATE TABLE lines AS SELECT * FROM (VALUES
        (7,  '2024-01-05', 2, 2.5),
        (7,  '2024-01-05', 1, 4.0),
        (7,  '2024-01-09', 3, 1.0),
        (8,  '2024-04-01', 1, 9.0)
      ) AS t(cid, day, n, price);
      CREATE TABLE people AS SELECT * FROM (VALUES ('7 '), ('9')) AS t(pid);
    `);
    await engine.exec(
      featuresSql({
        name: 'simple',
        asOf: '2024-02-01',
        orders: {
          table: 'lines',
          kind: 'orders',
          columns: { customerId: 'cid', orderDate: 'day', quantity: 'n', unitPrice: 'price' },
        },
        customers: { table: 'people', kind: 'customers', columns: { customerId: 'pid' } },
      }),
    );
    const [c7, c9] = await rows('simple');
    expect(c7).toMatchObject({
      customer_id: '7',
      frequency: 3,
      purchase_days: 2,
      monetary: 12, // 2*2.5 + 1*4 + 3*1
      avg_order_value: 4,
      max_order_value: 5,
      avg_unit_price: 2.5, // (2.5 + 4 + 1) / 3
      avg_interpurchase_days: 4,
      discount_share: null,
      top_brand_share: null,
      category_count: null,
      complaint_count: null,
      avg_satisfaction: null,
      province: null,
    });
    // 8 ordered only after the analysis date and is not a known customer: not included.
    expect(c9).toMatchObject({ customer_id: '9', is_prospect: true, frequency: 0 });
    expect(await rows('simple')).toHaveLength(2);
  });

  it('gives the same features with column types known, numeric keys and lines without an order id', async () => {
    await engine.exec(`
      CREATE TABLE typed_lines AS SELECT * FROM (VALUES
        (7,    101,  DATE '2024-01-05', 5.0, 'Nike'),
        (7,    101,  DATE '2024-01-05', 4.0, 'Puma'),
        (7,    NULL, DATE '2024-01-05', 3.0, 'Nike'),
        (7,    NULL, DATE '2024-01-09', 1.0, 'Nike'),
        (8,    102,  DATE '2024-01-20', 9.0, NULL),
        (NULL, 103,  DATE '2024-01-21', 2.0, 'Nike')
      ) AS t(cid, oid, day, paid, brand);
      CREATE TABLE typed_people AS SELECT * FROM (VALUES (' 7'), ('8 '), ('9')) AS t(pid);
    `);
    const input: FeaturesInput = {
      name: 'untyped',
      asOf: '2024-02-01',
      orders: {
        table: 'typed_lines',
        kind: 'orders',
        columns: {
          customerId: 'cid',
          orderId: 'oid',
          orderDate: 'day',
          amount: 'paid',
          brand: 'brand',
        },
      },
      customers: { table: 'typed_people', kind: 'customers', columns: { customerId: 'pid' } },
    };
    await engine.exec(featuresSql(input));
    const types = {
      typed_lines: {
        cid: 'INTEGER',
        oid: 'INTEGER',
        day: 'DATE',
        paid: 'DECIMAL(2,1)',
        brand: 'VARCHAR',
      },
      typed_people: { pid: 'VARCHAR' },
    };
    const typedSql = featuresSql({ ...input, name: 'typed', types });
    expect(typedSql).not.toContain('CAST("cid" AS VARCHAR)');
    await engine.exec(typedSql);
    const typed = await rows('typed');
    expect(typed).toEqual(await rows('untyped'));
    const [c7, c8, c9] = typed;
    // Order 101 (two lines) plus two lines without an order id: three orders.
    expect(c7).toMatchObject({ customer_id: '7', frequency: 3, monetary: 13, max_order_value: 9 });
    expect(c7?.top_brand_share).toBeCloseTo(1); // Nike in 101 and in both id-less lines
    expect(c8).toMatchObject({ customer_id: '8', frequency: 1, monetary: 9, is_prospect: false });
    expect(c9).toMatchObject({ customer_id: '9', is_prospect: true });
    expect(typed).toHaveLength(3); // the line without a customer is left out
  });

  it('names the missing role in a readable error', () => {
    const orders = (columns: TableMapping['columns']): FeaturesInput => ({
      ...FULL,
      orders: { ...ORDERS, columns },
    });
    expect(() => featuresSql(orders({ customerId: 'a', amount: 'b' }))).toThrow(
      /Orders table "shop orders": choose the Order date column.\n订单表“shop orders”：请选择“订单日期”列/,
    );
    expect(() => featuresSql(orders({ customerId: 'a', orderDate: 'b', quantity: 'q' }))).toThrow(
      /Amount column, or both Quantity and Unit price/,
    );
    expect(() =>
      featuresSql({ ...FULL, customers: { ...CUSTOMERS, columns: { customerName: 'n' } } }),
    ).toThrow(/Customers table "customers": choose the Customer ID column/);
    expect(() => featuresSql({ ...FULL, asOf: '1/3/2024' })).toThrow(
      /analysis date must be a date like 2024-06-30[\s\S]*分析日期/,
    );
    expect(() => featuresSql({ ...FULL, asOf: '2024-13-45' })).toThrow(/not "2024-13-45"/);
    expect(() => featuresSql({ ...FULL, orders: { ...ORDERS, kind: 'customers' } })).toThrow(
      /Orders table's column mapping/,
    );
  });
});
