import { describe, expect, it } from 'vitest';
import {
  describeRule,
  describeStep,
  parseStep,
  type CleaningStep,
} from '../../../src/domain/cleaning-step';
import { emptyNotebook } from '../../../src/model/notebook';
import { parseNotebook, serializeNotebook } from '../../../src/io/notebook-file';

const STEPS: CleaningStep[] = [
  {
    id: 's1',
    kind: 'convert',
    column: '订单日期',
    rule: { to: 'date', patterns: ['ymd-slash', 'ymd-cjk'], hasTime: false },
  },
  { id: 's2', kind: 'convert', column: 'betrag', rule: { to: 'amount', decimal: ',' } },
  { id: 's3', kind: 'exclude', filter: { test: 'above', column: 'amount', value: 76532.5 } },
  {
    id: 's4',
    kind: 'exclude',
    filter: { test: 'orphan', column: 'cid', table: 'customers', key: 'id' },
  },
  { id: 's5', kind: 'dedupe-rows' },
  { id: 's6', kind: 'dedupe-key', column: 'order_id' },
  { id: 's7', kind: 'net-refunds', customer: 'cid', amount: 'amount' },
  {
    id: 's8',
    kind: 'net-cancellations',
    filter: { test: 'cancellation', column: 'InvoiceNo', prefix: 'C', quantity: 'Quantity' },
    customer: 'cid',
    product: 'StockCode',
    column: 'Quantity',
    price: 'UnitPrice',
  },
  { id: 's9', kind: 'dedupe-columns', columns: ['cid', 'amount'], day: 'day' },
  { id: 's10', kind: 'exclude', filter: { test: 'not-positive', column: 'UnitPrice' } },
  {
    id: 's11',
    kind: 'exclude',
    filter: { test: 'above', column: 'Quantity', price: 'UnitPrice', value: 500 },
  },
];

describe('cleaning steps', () => {
  it('survive a save and open of the notebook, with the load choices', () => {
    const notebook = emptyNotebook('t');
    notebook.tables = [
      {
        table: 'orders',
        fileName: 'orders.xlsx',
        origin: 'file',
        columns: ['cid'],
        choices: { sheet: 'Orders 2024' },
        steps: STEPS,
      },
    ];
    const back = parseNotebook(serializeNotebook(notebook));
    expect(back.tables).toEqual(notebook.tables);
  });

  it('refuse a damaged step rather than drop it silently', () => {
    const file = JSON.parse(serializeNotebook(emptyNotebook('t'))) as Record<string, unknown>;
    file.tables = [
      {
        table: 'o',
        fileName: 'o.csv',
        steps: [
          { id: 'x', kind: 'exclude', filter: { test: 'after', column: 'd', date: "2024'; --" } },
        ],
      },
    ];
    expect(() => parseNotebook(JSON.stringify(file))).toThrow(/cleaning step of o is damaged/);
    expect(parseStep({ id: 'a', kind: 'dedupe-key' })).toBeNull();
    expect(
      parseStep({ id: 'a', kind: 'convert', column: 'c', rule: { to: 'amount', decimal: ';' } }),
    ).toBeNull();
    expect(parseStep({ kind: 'dedupe-rows' })).toBeNull();
    expect(parseStep({ id: 'a', kind: 'dedupe-columns', columns: [] })).toBeNull();
    expect(
      parseStep({
        id: 'a',
        kind: 'net-cancellations',
        filter: { test: 'cancellation', column: 'q' },
        customer: 'c',
        column: 'q',
      }),
    ).toBeNull(); // a cancellation filter needs a prefix or a quantity
  });

  it('describe themselves in both languages', () => {
    expect(STEPS.map((s) => describeStep(s).en)).toEqual([
      'Read "订单日期" as dates in YYYY/M/D, YYYY年M月D日',
      'Read "betrag" as amounts with "," as the decimal point',
      'Exclude rows where "amount" is above 76532.5',
      'Exclude rows where "cid" is not in customers.id',
      'Remove duplicate rows (keep the first)',
      'Keep the first row for each "order_id"',
      'Net refunds (negative "amount") against each "cid"\'s purchases',
      'Net cancellations ("InvoiceNo" starts with "C" or "Quantity" is below 0) against the purchases of the same "cid" and "StockCode"',
      'Remove rows with the same "cid", "amount" on the same day of "day" (keep the first)',
      'Exclude rows where "UnitPrice" is 0 or below',
      'Exclude rows where "Quantity" × "UnitPrice" is above 500',
    ]);
    expect(describeStep(STEPS[7]!).zh).toBe(
      '将取消行（“InvoiceNo”以“C”开头或“Quantity”小于 0）从相同“cid”和“StockCode”的购买中扣除',
    );
    expect(describeStep(STEPS[0]!).zh).toBe('将“订单日期”读取为日期（YYYY/M/D、YYYY年M月D日）');
    expect(describeRule({ to: 'date', patterns: ['dmy'], hasTime: true }).en).toBe(
      'dates in D/M/YYYY, with time of day',
    );
  });
});
