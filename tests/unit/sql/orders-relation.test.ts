import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOrders, orderCountSql, ordersSelectSql } from '../../../src/sql/orders-relation';
import { NodeEngine } from '../../support/node-engine';
import { amountSql } from '../../../src/sql/amount';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`CREATE TABLE "订单 2024" AS SELECT * FROM (VALUES
    (101, TIMESTAMP '2024-03-01 23:30:00', '12.5', 'A1'),
    (101, TIMESTAMP '2024-03-01 08:00:00', NULL, 'A1'),
    (102, NULL, '5', 'B1'),
    (NULL, TIMESTAMP '2024-03-02 00:00:00', '7', 'C1')
  ) t("客户""号", "下单时间", "金额", "单号")`);
});
afterAll(() => engine.close());

const orders = {
  relation: '订单 2024',
  customerId: '客户"号',
  orderDate: '下单时间',
  amountSql: amountSql({ amount: '金额' })!,
  orderId: '单号',
};

describe('orders relation', () => {
  it('types the mapped columns and drops rows without a customer or date', async () => {
    const { rows } = await engine.query(`${ordersSelectSql(orders)} ORDER BY amount DESC`);
    expect(rows).toEqual([
      { customer_id: '101', order_date: new Date('2024-03-01'), amount: 12.5, order_id: 'A1' },
      { customer_id: '101', order_date: new Date('2024-03-01'), amount: 0, order_id: 'A1' },
    ]);
  });

  it('counts orders by id when given, else by row', async () => {
    const count = (o: typeof orders | Omit<typeof orders, 'orderId'>) =>
      engine.query(`SELECT ${orderCountSql(o)} AS n FROM (${ordersSelectSql(o)})`);
    expect((await count(orders)).rows[0]!.n).toBe(1);
    const { orderId: _drop, ...lines } = orders;
    expect((await count(lines)).rows[0]!.n).toBe(2);
  });

  it('names the missing column', () => {
    expect(() => checkOrders({ ...orders, orderDate: ' ' })).toThrow(
      /order date column[\s\S]*订单日期列/,
    );
    expect(() => checkOrders({ ...orders, orderId: '' })).toThrow(/order id column/);
    expect(checkOrders(orders)).toBe(orders);
  });
});
