import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleaningSql } from '../../../src/sql/cleaning';
import type { TableMapping } from '../../../src/domain/roles';
import { cancelPrefixSql } from '../../../src/sql/cancellations';
import { isOrderLines, orderLinesSql } from '../../../src/sql/order-lines';
import {
  EARLIEST_DATE,
  checkedAmountSql,
  extremeFenceSql,
  qualityChecks,
  type QualityCheck,
} from '../../../src/sql/quality-checks';
import { NodeEngine } from '../../support/node-engine';
import { orderLinesTableSql } from '../../support/order-lines-fixture';

let engine: NodeEngine;

const ORDERS = `CREATE TABLE orders AS SELECT * FROM (VALUES
  ('O1', 'A', '2024-01-05', 100.0),
  ('O2', 'A', '2024-01-06', 120.0),
  ('O2', 'A', '2024-01-06', 120.0),
  ('C3', 'B', '2024-01-07', -50.0),
  ('O4', NULL, '2024-01-08', 80.0),
  ('O5', '  ', '2024-01-09', 0.0),
  ('O6', 'B', '2030-01-01', 90.0),
  ('O7', 'B', '1900-01-01', 110.0),
  ('O8', 'Z', 'not a date', 95.0),
  ('O9', 'A', NULL, NULL),
  ('O10', 'A', '2024-02-01', 5000.0)
) t(order_id, customer_id, order_date, amount)`;

const orders: TableMapping = {
  table: 'orders',
  kind: 'orders',
  columns: {
    orderId: 'order_id',
    customerId: 'customer_id',
    orderDate: 'order_date',
    amount: 'amount',
  },
};
const customers: TableMapping = {
  table: 'customers',
  kind: 'customers',
  columns: { customerId: 'id' },
};

beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(ORDERS);
  await engine.exec("CREATE TABLE customers AS SELECT * FROM (VALUES ('A'), ('B'), ('B')) t(id)");
});
afterAll(() => engine.close());

async function count(check: QualityCheck): Promise<number> {
  const { rows } = await engine.query(check.countSql);
  return Number(rows[0]?.n);
}

async function columnsOf(table: string) {
  const { rows } = await engine.query(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`,
  );
  return rows.map((r) => ({ name: String(r.name), type: String(r.type) }));
}

describe('qualityChecks on an orders table', () => {
  it('finds each problem, counted by hand', async () => {
    const checks = qualityChecks({
      table: 'orders',
      columns: await columnsOf('orders'),
      mapping: orders,
      customers,
      reference: '2024-12-31',
      fence: 1000,
    });
    const counts: Record<string, number> = {};
    for (const c of checks) counts[c.id] = await count(c);
    expect(counts).toEqual({
      'duplicate-rows': 1, // the second O2 row
      'missing-customer': 2, // NULL and blank
      'unparsable-date': 1, // 'not a date' (order_date is text)
      'missing-date': 1, // O9
      'future-date': 1, // 2030-01-01
      'early-date': 1, // 1900-01-01
      'missing-amount': 1, // O9
      'negative-amount': 1, // C3
      'zero-amount': 1, // O5
      'extreme-amount': 1, // 5000 > 1000
      'duplicate-key': 1, // O2 twice
      cancelled: 1, // C3
      orphan: 1, // Z is not a customer; NULL and blank are missing, not orphans
    });
    expect(checks.map((c) => c.id)).not.toContain('unparsable-amount'); // amount is DOUBLE
  });

  it('counts the same on typed columns, where it reads them without text casts', async () => {
    await engine.exec(`CREATE TABLE typed_orders AS SELECT
        CAST(substr(order_id, 2) AS BIGINT) AS order_id,
        CASE WHEN trim(customer_id) = '' THEN NULL ELSE customer_id END AS customer_id,
        TRY_CAST(order_date AS DATE) AS order_date,
        CAST(amount AS DECIMAL(10, 2)) AS amount
      FROM orders`);
    const columns = await columnsOf('typed_orders');
    expect(columns.map((c) => c.type)).toEqual(['BIGINT', 'VARCHAR', 'DATE', 'DECIMAL(10,2)']);
    const input = {
      table: 'typed_orders',
      mapping: { ...orders, table: 'typed_orders' },
      customers,
      reference: '2024-12-31',
      fence: 1000,
    };
    const typed = qualityChecks({ ...input, columns });
    // Without types every test goes through text: the slow, general path.
    const untyped = qualityChecks({ ...input, columns: columns.map((c) => ({ ...c, type: '' })) });
    expect(typed.map((c) => c.id)).not.toContain('unparsable-date');
    const dateCheck = typed.find((c) => c.id === 'future-date')!;
    expect(dateCheck.countSql).not.toContain('VARCHAR');
    const amountCheck = typed.find((c) => c.id === 'negative-amount')!;
    expect(amountCheck.countSql).not.toContain('VARCHAR');
    for (const check of typed) {
      const general = untyped.find((c) => c.id === check.id && c.column === check.column)!;
      expect(await count(check), check.id).toBe(await count(general));
      const shown = await engine.query(check.examplesSql);
      expect(shown.rows, check.id).toEqual((await engine.query(general.examplesSql)).rows);
    }
    expect(
      Object.fromEntries(await Promise.all(typed.map(async (c) => [c.id, await count(c)]))),
    ).toMatchObject({
      'missing-customer': 2,
      'missing-date': 2, // O9 and 'not a date' are both NULL once typed
      'future-date': 1,
      'early-date': 1,
      'negative-amount': 1,
      'zero-amount': 1,
      'extreme-amount': 1,
      'duplicate-key': 1,
      cancelled: 0, // numbers never start with C
      orphan: 1,
    });
  });

  it('shows examples, the copies of duplicates included', async () => {
    const [dupes] = qualityChecks({
      table: 'orders',
      columns: [],
      reference: '2024-12-31',
    });
    expect(dupes?.id).toBe('duplicate-rows');
    const { rows } = await engine.query(dupes!.examplesSql);
    expect(rows).toEqual([
      {
        order_id: 'O2',
        customer_id: 'A',
        order_date: '2024-01-06',
        amount: 120,
        __seglab_copies: 2,
      },
    ]);
  });

  it('offers fixes that, applied as cleaning steps, leave nothing for the check to find', async () => {
    const columns = await columnsOf('orders');
    const checks = qualityChecks({
      table: 'orders',
      columns,
      mapping: orders,
      customers,
      reference: '2024-12-31',
      fence: 1000,
    });
    const negative = checks.find((c) => c.id === 'negative-amount')!;
    expect(negative.fixes.map((f) => f.kind)).toEqual(['net-refunds', 'exclude']);
    // Orders whose customer is missing from the customers table are still orders: no default.
    const orphan = checks.find((c) => c.id === 'orphan')!;
    expect(orphan.fixes).toEqual([]);
    expect(orphan.explicit?.map((f) => f.kind)).toEqual(['exclude']);
    let i = 0;
    for (const check of checks) {
      for (const fix of [...check.fixes, ...(check.explicit ?? [])]) {
        const target = `fixed_${++i}`;
        await engine.exec(
          cleaningSql({ raw: 'orders', target, columns: columns.map((c) => c.name), steps: [fix] }),
        );
        const recheck = qualityChecks({
          table: target,
          columns: await columnsOf(target),
          mapping: { ...orders, table: target },
          customers,
          reference: '2024-12-31',
          fence: 1000,
        }).find((c) => c.id === check.id && c.column === check.column)!;
        expect(await count(recheck), `${check.id} after ${fix.kind}`).toBe(0);
      }
    }
  });

  it('reads text amounts and flags what is not a number', async () => {
    await engine.exec(
      "CREATE TABLE t_amounts AS SELECT * FROM (VALUES ('A', '12.5'), ('B', 'N/A'), ('C', ''), ('D', '-3')) t(c, amount)",
    );
    const checks = qualityChecks({
      table: 't_amounts',
      columns: await columnsOf('t_amounts'),
      mapping: {
        table: 't_amounts',
        kind: 'orders',
        columns: { customerId: 'c', amount: 'amount' },
      },
      reference: '2024-12-31',
    });
    const byId = Object.fromEntries(
      await Promise.all(checks.map(async (c) => [c.id, await count(c)])),
    );
    expect(byId).toMatchObject({
      'unparsable-amount': 1,
      'missing-amount': 1,
      'negative-amount': 1,
    });
    expect(byId).not.toHaveProperty('extreme-amount'); // no fence given
  });

  it('does not call order numbers starting with C cancellations when most of them do', async () => {
    await engine.exec(
      "CREATE TABLE cn AS SELECT * FROM (VALUES ('CN001', 'A'), ('CN002', 'B'), ('X3', 'A')) t(order_id, c)",
    );
    const { rows } = await engine.query(cancelPrefixSql('cn', 'order_id'));
    expect(rows).toEqual([{ applies: false }]);
    const checks = qualityChecks({
      table: 'cn',
      columns: await columnsOf('cn'),
      mapping: { table: 'cn', kind: 'orders', columns: { orderId: 'order_id', customerId: 'c' } },
      reference: '2024-12-31',
      cancelPrefix: false,
    });
    expect(checks.map((c) => c.id)).not.toContain('cancelled');
    const orders = await engine.query(cancelPrefixSql('orders', 'order_id'));
    expect(orders.rows).toEqual([{ applies: true }]); // C3 is one id of 11
  });

  it('checks a customers table for repeated ids, and an unmapped table only for duplicates', async () => {
    const checks = qualityChecks({
      table: 'customers',
      columns: await columnsOf('customers'),
      mapping: customers,
      reference: '2024-12-31',
    });
    expect(checks.map((c) => c.id)).toEqual([
      'duplicate-rows',
      'missing-customer',
      'duplicate-key',
    ]);
    expect(await Promise.all(checks.map(count))).toEqual([1, 0, 1]);
    const unmapped = qualityChecks({ table: 'customers', columns: [], reference: '2024-12-31' });
    expect(unmapped.map((c) => c.id)).toEqual(['duplicate-rows']);
  });

  it('puts the extreme fence at 10 × the 99th percentile of positive amounts', async () => {
    // 100 amounts of 100, one of 100000 and a refund: the 99th percentile of the 101 positive
    // amounts sits at index 0.99 × 100 = 99 of the sorted list, still 100, so the fence is 1000.
    await engine.exec(
      'CREATE TABLE fence AS SELECT 100.0 AS amount FROM range(100) UNION ALL SELECT 100000.0 UNION ALL SELECT -5.0',
    );
    const amount = checkedAmountSql({ amount: 'amount' }, () => 'DECIMAL(10,1)')!;
    const { rows } = await engine.query(extremeFenceSql('fence', amount));
    expect(rows).toEqual([{ fence: 1000 }]);
    expect(EARLIEST_DATE).toBe('1990-01-01');
  });
});

describe('qualityChecks on an order-line table with quantity × unit price', () => {
  const lines: TableMapping = {
    table: 'lines',
    kind: 'orders',
    columns: {
      orderId: 'InvoiceNo',
      product: 'StockCode',
      quantity: 'Quantity',
      orderDate: 'InvoiceDate',
      unitPrice: 'UnitPrice',
      customerId: 'CustomerID',
    },
  };

  async function linesChecks(mapping = lines) {
    const columns = await columnsOf('lines');
    const typeOf = (c: string) => columns.find((x) => x.name === c)?.type;
    const ids = await engine.query(orderLinesSql('lines', 'InvoiceNo'));
    const prefix = await engine.query(cancelPrefixSql('lines', 'InvoiceNo'));
    const fence = await engine.query(
      extremeFenceSql('lines', checkedAmountSql(mapping.columns, typeOf)!),
    );
    return {
      ids: ids.rows[0],
      prefix: prefix.rows[0],
      fence: fence.rows[0]?.fence,
      checks: qualityChecks({
        table: 'lines',
        columns,
        mapping,
        reference: '2024-12-31',
        orderLines: isOrderLines(ids.rows[0]),
        cancelPrefix: prefix.rows[0]?.applies === true,
        fence: 1000,
      }),
    };
  }

  beforeAll(async () => {
    await engine.exec(orderLinesTableSql('lines'));
  });

  it('sees an order-line table and never offers to keep one row per invoice', async () => {
    const { ids, prefix, checks } = await linesChecks();
    // 13 invoice numbers; 536365 (3 lines), 536366 (2), 536367 (2 different + 1 copy), 536368 (2)
    // have several different lines.
    expect(ids).toEqual({ orders: 13, multi: 4 });
    expect(isOrderLines(ids)).toBe(true);
    expect(prefix).toEqual({ applies: true }); // 4 of 19 lines start with C
    expect(checks.map((c) => c.id)).not.toContain('duplicate-key');
    for (const c of checks) expect(c.fixes.map((f) => f.kind)).not.toContain('dedupe-key');
    // Exact copies of a line keep their check and its fix.
    const dupes = checks.find((c) => c.id === 'duplicate-rows')!;
    expect(await count(dupes)).toBe(1); // line 8
    expect(dupes.fixes).toEqual([{ kind: 'dedupe-rows' }]);
  });

  it('checks quantity <= 0 and unit price <= 0 separately, and cancellations', async () => {
    const { checks } = await linesChecks();
    const counts: Record<string, number> = {};
    for (const c of checks) counts[`${c.id}:${c.column ?? ''}`] = await count(c);
    expect(counts).toEqual({
      'duplicate-rows:': 1,
      'missing-customer:CustomerID': 3, // lines 9, 10, 14
      'missing-date:InvoiceDate': 0,
      'future-date:InvoiceDate': 0,
      'early-date:InvoiceDate': 0,
      'missing-amount:Quantity': 0,
      'missing-amount:UnitPrice': 0,
      'nonpositive-quantity:Quantity': 6, // lines 12, 13, 14, 15 (0), 17, 18
      'nonpositive-price:UnitPrice': 2, // lines 11 and 19
      'extreme-amount:Quantity': 0, // the largest line is 54.08, the fence 1000
      'cancelled:InvoiceNo': 5, // C lines 12, 13, 14, 17 and line 18 (quantity -5)
    });
    const cancelled = checks.find((c) => c.id === 'cancelled')!;
    expect(cancelled.fixes.map((f) => f.kind)).toEqual(['net-cancellations', 'exclude']);
    expect(cancelled.fixes[0]).toEqual({
      kind: 'net-cancellations',
      filter: { test: 'cancellation', column: 'InvoiceNo', prefix: 'C', quantity: 'Quantity' },
      customer: 'CustomerID',
      product: 'StockCode',
      column: 'Quantity',
      price: 'UnitPrice',
    });
  });

  it('puts the extreme fence on quantity × unit price and finds the line above it', async () => {
    const { fence } = await linesChecks();
    // The positive line amounts (quantity × price), sorted: 11.1, 11.1, 12.6, 12.6, 14.85, 15.3,
    // 20.34, 22, 25.5, 35.4, 54.08. The 99th percentile of these 11 sits at 0.99 × 10 = 9.9,
    // between the two largest: 35.4 + 0.9 × (54.08 - 35.4) = 52.212; the fence is 10 times that.
    expect(fence).toBeCloseTo(522.12, 6);
    const { checks } = await linesChecksWithFence(50);
    const extreme = checks.find((c) => c.id === 'extreme-amount')!;
    expect(extreme.fixes[0]).toEqual({
      kind: 'exclude',
      filter: { test: 'above', column: 'Quantity', price: 'UnitPrice', value: 50 },
    });
    expect(await count(extreme)).toBe(1); // line 6: 32 × 1.69 = 54.08
  });

  async function linesChecksWithFence(fence: number) {
    return {
      checks: qualityChecks({
        table: 'lines',
        columns: await columnsOf('lines'),
        mapping: lines,
        reference: '2024-12-31',
        orderLines: true,
        fence,
      }),
    };
  }

  it('without an order id or product, a negative quantity is the cancellation', async () => {
    const { checks } = await linesChecks({
      ...lines,
      columns: { ...lines.columns, orderId: undefined, product: undefined },
    });
    const cancelled = checks.find((c) => c.id === 'cancelled')!;
    expect(cancelled.column).toBe('Quantity');
    expect(await count(cancelled)).toBe(5); // lines 12, 13, 14, 17, 18
    expect(cancelled.fixes[0]).toMatchObject({ kind: 'net-cancellations', column: 'Quantity' });
    expect(cancelled.fixes[0]).not.toHaveProperty('product');
  });
});

describe('possible duplicates in a transaction log', () => {
  const log: TableMapping = {
    table: 'log',
    kind: 'orders',
    columns: { customerId: 'customer', orderDate: 'bought_at', amount: 'amount' },
  };

  it('reports same customer, same day, same amount as possible, with no default removal', async () => {
    await engine.exec(`CREATE TABLE log AS SELECT customer, CAST(bought_at AS TIMESTAMP) AS bought_at, amount
      FROM (VALUES
        ('A', '2024-01-05 09:00', 30.0),
        ('A', '2024-01-05 17:30', 30.0),
        ('A', '2024-01-05 17:30', 30.0),
        ('A', '2024-01-06 09:00', 30.0),
        ('A', '2024-01-05 12:00', 31.0),
        ('B', '2024-01-05 09:00', 30.0),
        ('B', '2024-01-07 09:00', NULL),
        ('B', '2024-01-07 10:00', NULL),
        (NULL, '2024-01-05 09:00', 30.0),
        (NULL, '2024-01-05 09:00', 30.0)
      ) t(customer, bought_at, amount)`);
    const checks = qualityChecks({
      table: 'log',
      columns: await columnsOf('log'),
      mapping: log,
      reference: '2024-12-31',
    });
    expect(checks.map((c) => c.id)).not.toContain('duplicate-rows');
    const possible = checks.find((c) => c.id === 'possible-duplicates')!;
    // A bought 30 three times on 2024-01-05: two rows repeat the first; B's two purchases of
    // 2024-01-07 without an amount match too. Rows without a customer are not compared.
    expect(await count(possible)).toBe(3);
    expect(possible.fixes).toEqual([]);
    expect(possible.explicit).toEqual([
      { kind: 'dedupe-columns', columns: ['customer', 'amount'], day: 'bought_at' },
    ]);
    const { rows } = await engine.query(possible.examplesSql);
    expect(rows.map((r) => [r.customer, r.amount, r.__seglab_copies])).toEqual([
      ['A', 30, 3],
      ['A', 30, 3],
      ['A', 30, 3],
      ['B', null, 2],
      ['B', null, 2],
    ]);
    // The explicit removal, when asked for, keeps the first of each group.
    await engine.exec(
      cleaningSql({
        raw: 'log',
        target: 'log_deduped',
        columns: ['customer', 'bought_at', 'amount'],
        steps: possible.explicit!,
      }),
    );
    expect(await engine.query('SELECT count(*) AS n FROM log_deduped')).toEqual({
      columns: expect.anything(),
      rows: [{ n: 7 }], // 10 rows less the 3 copies
    });
  });

  it('keeps exact duplicate rows as a finding with a fix when the table has order ids', async () => {
    const checks = qualityChecks({
      table: 'log',
      columns: await columnsOf('log'),
      mapping: { ...log, columns: { ...log.columns, orderId: 'customer' } },
      reference: '2024-12-31',
    });
    expect(checks.map((c) => c.id)).not.toContain('possible-duplicates');
    expect(checks.find((c) => c.id === 'duplicate-rows')?.fixes).toEqual([{ kind: 'dedupe-rows' }]);
  });
});
