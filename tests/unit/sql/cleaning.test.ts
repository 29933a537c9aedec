import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleaningSql, rawTableName } from '../../../src/sql/cleaning';
import type { CleaningStepInit, RowFilter } from '../../../src/domain/cleaning-step';
import { ident } from '../../../src/sql/quote';
import { NodeEngine } from '../../support/node-engine';
import { ORDER_LINE_HEADER, orderLinesTableSql } from '../../support/order-lines-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec('CREATE TABLE x (survives INTEGER); INSERT INTO x VALUES (1)');
});
afterAll(() => engine.close());

let n = 0;
/** Creates a raw table from VALUES, applies the steps, returns the cleaned rows in order. */
async function clean(values: string, columns: string[], steps: CleaningStepInit[]) {
  const raw = `raw${++n}`;
  const target = `clean${n}`;
  const names = columns.map(ident).join(', ');
  await engine.exec(`CREATE TABLE ${raw} AS SELECT * FROM (VALUES ${values}) t(${names})`);
  await engine.exec(cleaningSql({ raw, target, columns, steps }));
  const result = await engine.query(`SELECT * FROM ${target}`);
  const types = await engine.query(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${target}' ORDER BY ordinal_position`,
  );
  return {
    rows: result.rows,
    types: Object.fromEntries(types.rows.map((r) => [r.column_name, r.data_type])),
  };
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('cleaningSql', () => {
  it('names the original <table>__raw', () => {
    expect(rawTableName('orders')).toBe('orders__raw');
  });

  it('converts text dates by their patterns; values that fit none become NULL', async () => {
    const { rows, types } = await clean(
      "(1, '2024/1/5'), (2, '2024年1月7日'), (3, '20240110'), (4, 'bad'), (5, NULL)",
      ['id', 'day'],
      [
        {
          kind: 'convert',
          column: 'day',
          rule: { to: 'date', patterns: ['ymd-slash', 'ymd-cjk', 'ymd-compact'], hasTime: false },
        },
      ],
    );
    expect(types).toEqual({ id: 'INTEGER', day: 'DATE' });
    expect(rows.map((r) => r.day)).toEqual([
      utc(2024, 1, 5),
      utc(2024, 1, 7),
      utc(2024, 1, 10),
      null,
      null,
    ]);
  });

  it('converts amounts: currency, thousands, parentheses, percent, decimal comma', async () => {
    const dot = await clean(
      "(1, '¥1,000.00'), (2, '(200)'), (3, '300'), (4, '-100'), (5, '12%'), (6, 'N/A')",
      ['id', 'amount'],
      [{ kind: 'convert', column: 'amount', rule: { to: 'amount', decimal: '.' } }],
    );
    expect(dot.types.amount).toBe('DOUBLE');
    expect(dot.rows.map((r) => r.amount)).toEqual([1000, -200, 300, -100, 0.12, null]);
    const comma = await clean(
      "(1, '1.234,50 €'), (2, '99,9')",
      ['id', 'betrag'],
      [{ kind: 'convert', column: 'betrag', rule: { to: 'amount', decimal: ',' } }],
    );
    expect(comma.rows.map((r) => r.betrag)).toEqual([1234.5, 99.9]);
  });

  it('excludes rows by a filter and keeps the file order', async () => {
    const { rows } = await clean(
      "(1, 'A'), (2, NULL), (3, '  '), (4, 'B'), (5, '')",
      ['id', 'customer'],
      [{ kind: 'exclude', filter: { test: 'blank', column: 'customer' } }],
    );
    expect(rows).toEqual([
      { id: 1, customer: 'A' },
      { id: 4, customer: 'B' },
    ]);
  });

  it('removes duplicate rows, keeping the first of each', async () => {
    const { rows } = await clean(
      "('A', 1), ('B', 2), ('A', 1), (NULL, 3), ('A', 2), (NULL, 3)",
      ['c', 'v'],
      [{ kind: 'dedupe-rows' }],
    );
    expect(rows).toEqual([
      { c: 'A', v: 1 },
      { c: 'B', v: 2 },
      { c: null, v: 3 },
      { c: 'A', v: 2 },
    ]);
  });

  it('keeps the first row per key (trimmed); rows without a key all stay', async () => {
    const { rows } = await clean(
      "(1, 'O1'), (2, 'O2'), (3, 'O1'), (4, NULL), (5, NULL), (6, ' O2')",
      ['line', 'order_id'],
      [{ kind: 'dedupe-key', column: 'order_id' }],
    );
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4, 5]);
  });

  it('keeps the first of rows with the same customer and amount on one day', async () => {
    const { rows } = await clean(
      `(1, 'A', '2024-01-05 09:00', 30), (2, 'A', '2024-01-05 18:00', 30), (3, 'A', '2024-01-06 09:00', 30),
       (4, NULL, '2024-01-05 09:00', 30), (5, NULL, '2024-01-05 09:00', 30), (6, 'B', NULL, 30),
       (7, 'B', NULL, 30), (8, 'A', '2024-01-05 10:00', NULL), (9, 'A', '2024-01-05 11:00', NULL)`,
      ['line', 'customer', 'at', 'amount'],
      [{ kind: 'dedupe-columns', columns: ['customer', 'amount'], day: 'at' }],
    );
    // 2 repeats 1 (same day); 9 repeats 8 (no amount matches no amount); rows without a
    // customer or a day all stay.
    expect(rows.map((r) => r.line)).toEqual([1, 3, 4, 5, 6, 7, 8]);
    const noDay = await clean(
      "(1, 'A', 30), (2, 'A', 30), (3, NULL, 30), (4, NULL, 30), (5, 'A', NULL), (6, 'A', NULL)",
      ['line', 'customer', 'amount'],
      [{ kind: 'dedupe-columns', columns: ['customer', 'amount'] }],
    );
    expect(noDay.rows.map((r) => r.line)).toEqual([1, 3, 4, 5]); // 6 repeats 5
  });

  it('nets refunds against the same customer purchases, never below 0', async () => {
    // A: 1000 + 500 bought, 300 refunded -> 1200 left: each purchase × 0.8.
    // B: 100 bought, 150 refunded -> 0. C: no refund, unchanged. D: only a refund, gone.
    const { rows, types } = await clean(
      `(1, 'A', 1000.0), (2, 'A', -300.0), (3, 'A', 500.0), (4, 'B', 100.0), (5, 'B', -150.0),
       (6, 'C', 50.0), (7, 'D', -20.0), (8, 'A', 0.0)`,
      ['id', 'customer', 'amount'],
      [{ kind: 'net-refunds', customer: 'customer', amount: 'amount' }],
    );
    expect(types).toEqual({ id: 'INTEGER', customer: 'VARCHAR', amount: 'DOUBLE' });
    expect(rows).toEqual([
      { id: 1, customer: 'A', amount: 800 },
      { id: 3, customer: 'A', amount: 400 },
      { id: 4, customer: 'B', amount: 0 },
      { id: 6, customer: 'C', amount: 50 },
      { id: 8, customer: 'A', amount: 0 },
    ]);
  });

  it('chains steps in order: convert, net refunds, then exclude the extreme', async () => {
    const { rows } = await clean(
      "(1, 'A', '¥1,000'), (2, 'A', '(250)'), (3, 'B', '¥90,000'), (4, 'B', '¥40')",
      ['id', 'customer', 'amount'],
      [
        { kind: 'convert', column: 'amount', rule: { to: 'amount', decimal: '.' } },
        { kind: 'net-refunds', customer: 'customer', amount: 'amount' },
        { kind: 'exclude', filter: { test: 'above', column: 'amount', value: 10_000 } },
      ],
    );
    expect(rows).toEqual([
      { id: 1, customer: 'A', amount: 750 },
      { id: 4, customer: 'B', amount: 40 },
    ]);
  });

  it('quotes hostile column names, in SQL and in its comments', async () => {
    const evil = '"; DROP TABLE x; --\nSELECT 1';
    const { rows } = await clean(
      "(1, '5'), (2, '-3')",
      ['id', evil],
      [
        { kind: 'convert', column: evil, rule: { to: 'amount', decimal: '.' } },
        { kind: 'exclude', filter: { test: 'negative', column: evil } },
      ],
    );
    expect(rows).toEqual([{ id: 1, [evil]: 5 }]);
    expect((await engine.query('SELECT count(*) AS n FROM x')).rows).toEqual([{ n: 1 }]);
    const sql = cleaningSql({ raw: 'r', target: 't', columns: ['id', evil], steps: [] });
    expect(sql).toContain('-- The table as loaded');
    const withStep = cleaningSql({
      raw: 'r',
      target: 't',
      columns: [evil],
      steps: [{ kind: 'dedupe-key', column: evil }],
    });
    expect(withStep.split('\n').filter((l) => l.startsWith('--'))).toEqual([
      '-- The table as loaded',
      `-- 1. Keep the first row for each "${evil.replace('\n', ' ')}"`,
    ]);
  });
});

describe('netting cancellations against the original purchase', () => {
  const cancellation: RowFilter = {
    test: 'cancellation',
    column: 'InvoiceNo',
    prefix: 'C',
    quantity: 'Quantity',
  };
  const net = (product?: string): CleaningStepInit => ({
    kind: 'net-cancellations',
    filter: cancellation,
    customer: 'CustomerID',
    column: 'Quantity',
    price: 'UnitPrice',
    ...(product ? { product } : {}),
  });

  beforeAll(async () => {
    await engine.exec(orderLinesTableSql('lines_raw'));
  });

  async function netted(steps: CleaningStepInit[]) {
    const target = `lines_${++n}`;
    await engine.exec(
      cleaningSql({ raw: 'lines_raw', target, columns: [...ORDER_LINE_HEADER], steps }),
    );
    const spend = await engine.query(
      `SELECT CustomerID AS c, round(sum(Quantity * UnitPrice), 2) AS spend, count(DISTINCT InvoiceNo) AS orders FROM ${target} GROUP BY 1 ORDER BY 1 NULLS LAST`,
    );
    const lines = await engine.query(`SELECT InvoiceNo, StockCode, Quantity FROM ${target}`);
    return { spend: spend.rows, lines: lines.rows };
  }

  it('takes each cancelled line off the same customer’s purchases of the same product', async () => {
    const { spend, lines } = await netted([net('StockCode')]);
    // Worked by hand from tests/support/order-lines-fixture.ts:
    // 17850 bought 6 × 85123A (15.30) and cancelled 2 (5.10): line 1 keeps 6 × 10.20/15.30 = 4.
    // 13047 bought 32 × 84879 (54.08) and cancelled 40 (67.60): line 6 goes entirely.
    // 12583 cancelled 99999 and M, which it never bought here: nothing to net, the lines go.
    // The cancellation without a customer (line 14) goes; line 9, also without one, stays.
    expect(spend).toEqual([
      { c: '12583', spend: 35.4, orders: 3 }, // 0 + 35.40 + 0; invoices 536370, 536371, 536373
      { c: '13047', spend: 25.2, orders: 2 }, // 12.60 + 12.60 + 0 (536367 without line 6, 536369)
      { c: '17850', spend: 74.74, orders: 2 }, // 10.20 + 20.34 + 22.00 + 11.10 + 11.10
      { c: null, spend: 40.35, orders: 1 }, // 6 × 4.25 + 3 × 4.95 = 25.50 + 14.85, not netted
    ]);
    // 19 lines - 5 cancellations - line 6 (cancelled in full) = 13.
    expect(lines).toHaveLength(13);
    expect(lines.filter((l) => String(l.InvoiceNo).startsWith('C'))).toEqual([]);
    expect(lines[0]).toEqual({ InvoiceNo: '536365', StockCode: '85123A', Quantity: 4 });
  });

  it('without a product, takes the cancelled value off the customer’s spend in proportion', async () => {
    const { spend, lines } = await netted([net()]);
    // 17850: purchases 79.84, cancelled 5.10 -> 74.74.
    // 13047: purchases 54.08 + 12.60 + 12.60 = 79.28 (line 11 is free), cancelled 67.60 -> 11.68.
    // 12583: purchases 35.40, cancelled 10.00 + 5.00 -> 20.40.
    expect(spend).toEqual([
      { c: '12583', spend: 20.4, orders: 3 },
      { c: '13047', spend: 11.68, orders: 2 },
      { c: '17850', spend: 74.74, orders: 2 },
      { c: null, spend: 40.35, orders: 1 },
    ]);
    expect(lines).toHaveLength(14); // only the 5 cancellations go
  });

  it('excluding cancellations leaves the purchases whole', async () => {
    const { spend } = await netted([{ kind: 'exclude', filter: cancellation }]);
    expect(spend.map((r) => r.spend)).toEqual([35.4, 79.28, 79.84, 40.35]);
  });
});
