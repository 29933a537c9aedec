import type { TableMapping } from '../../src/domain/roles';
import { literal } from '../../src/sql/quote';
import type { NodeEngine } from './node-engine';

/** One order line of the hand-worked shop: order id (null: an order of its own), customer, … */
export interface Line {
  order: string | null;
  customer: string | null;
  day: string;
  qty: number;
  price: number;
  amount: number;
  province: string;
  channel: string;
}

const line = (
  order: string | null,
  customer: string | null,
  day: string,
  qty: number,
  price: number,
  province: string,
  channel: string,
): Line => ({ order, customer, day, qty, price, amount: qty * price, province, channel });

/**
 * Six buyers. A: o1 (two lines, 60 + 40), o2 50, o3 30. B: o4 200. C: o5 20, o6 40 and a line
 * without an order id (15), mostly in Shanghai. D: o7 300, o8 700. E: o9 10, two years back.
 * " F ": o10 80 (padded id). A line with a blank customer counts for nobody; o11 is a refund
 * (negative) that the cleaning test excludes. Every order is on its own day.
 */
export const LINES: Line[] = [
  line('o1', 'A', '2024-01-05', 3, 20, 'Zhejiang', 'app'),
  line('o1', 'A', '2024-01-05', 2, 20, 'Zhejiang', 'app'),
  line('o2', 'A', '2024-02-10', 1, 50, 'Zhejiang', 'app'),
  line('o3', 'A', '2024-02-25', 3, 10, 'Jiangsu', 'web'),
  line('o4', 'B', '2023-12-01', 4, 50, 'Beijing', 'web'),
  line('o5', 'C', '2023-06-15', 2, 10, 'Shanghai', 'store'),
  line('o6', 'C', '2023-11-20', 1, 40, 'Shanghai', 'store'),
  line(null, 'C', '2024-01-10', 3, 5, 'Jiangsu', 'store'),
  line('o7', 'D', '2024-01-20', 1, 300, 'Guangdong', 'app'),
  line('o8', 'D', '2024-02-28', 7, 100, 'Guangdong', 'app'),
  line('o9', 'E', '2022-03-01', 1, 10, 'Hubei', 'web'),
  line('o10', ' F ', '2024-02-01', 4, 20, 'Sichuan', 'app'),
  line('o12', ' ', '2024-02-02', 1, 99, 'Sichuan', 'app'),
];

export const REFUND: Line = line('o11', 'B', '2024-01-15', -1, 60, 'Beijing', 'web');

export const AS_OF = '2024-03-01';

/**
 * The summary worked out by hand from LINES as of 2024-03-01 (days counted on a calendar;
 * 2024 is a leap year): id, first, last, days since last, orders, spend, province (most lines).
 */
export const HAND_SUMMARY: [string, string, string, number, number, number, string][] = [
  ['A', '2024-01-05', '2024-02-25', 5, 3, 180, 'Zhejiang'],
  ['B', '2023-12-01', '2023-12-01', 91, 1, 200, 'Beijing'],
  ['C', '2023-06-15', '2024-01-10', 51, 3, 75, 'Shanghai'],
  ['D', '2024-01-20', '2024-02-28', 2, 2, 1000, 'Guangdong'],
  ['E', '2022-03-01', '2022-03-01', 731, 1, 10, 'Hubei'],
  ['F', '2024-02-01', '2024-02-01', 29, 1, 80, 'Sichuan'],
];

export const ORDERS: TableMapping = {
  table: 'shop orders',
  kind: 'orders',
  columns: {
    customerId: 'customer',
    orderId: 'order_no',
    orderDate: 'ordered_at',
    amount: 'paid',
    quantity: 'qty',
    unitPrice: 'price',
    province: 'province',
    channel: 'channel',
  },
};

export const CUSTOMERS: TableMapping = {
  table: 'people',
  kind: 'customers',
  columns: { customerId: 'id', customerType: 'type' },
};

function valuesOf(lines: Line[]): string {
  return lines
    .map(
      (l) =>
        `(${[l.order, l.customer].map((v) => (v === null ? 'NULL' : literal(v))).join(', ')}, TIMESTAMP '${l.day} 10:30:00', ${l.amount}, ${l.qty}, ${l.price}, ${literal(l.province)}, ${literal(l.channel)})`,
    )
    .join(',\n');
}

/** Creates "shop orders" (LINES, plus `extra`), "people" (with a prospect P) and the hand summaries. */
export async function createShop(engine: NodeEngine, extra: Line[] = []): Promise<void> {
  await engine.exec(`
    CREATE OR REPLACE TABLE "shop orders" AS SELECT * FROM (VALUES ${valuesOf([...LINES, ...extra])})
      AS t(order_no, customer, ordered_at, paid, qty, price, province, channel);
    CREATE OR REPLACE TABLE people AS SELECT * FROM (VALUES
      ('A', 'VIP'), ('B', 'Regular'), ('P', 'Regular')) AS t(id, type);
    CREATE OR REPLACE TABLE "客户汇总" AS SELECT * FROM (VALUES ${HAND_SUMMARY.map(
      ([id, first, last, , n, spend, province]) =>
        `(${literal(id)}, DATE '${first}', DATE '${last}', ${n}, ${spend}, ${literal(province)})`,
    ).join(', ')}) AS t("客户ID", "首次购买日期", "最近购买日期", "订单数", "消费总额", "省份");
    CREATE OR REPLACE TABLE recency_only AS SELECT * FROM (VALUES ${HAND_SUMMARY.map(
      ([id, , , days, n, spend]) => `(${literal(id)}, ${days}, ${n}.0, ${spend})`,
    ).join(', ')}) AS t(customer_id, recency, orders, monetary);
  `);
}
