import { afterEach, describe, expect, it } from 'vitest';
import { translate } from '../../../src/i18n/translate';
import { orderLinesCsv } from '../../support/order-lines-fixture';
import { qualitySetup } from '../../support/quality-setup';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup() {
  const s = qualitySetup();
  cleanups.push(s.close);
  return s;
}

describe('QualityState', () => {
  it('reports an order-line export with derived amounts: no keep-first-per-invoice', async () => {
    const s = setup();
    await s.load('lines.csv', orderLinesCsv());
    expect(s.features.mappingOf('lines')).toMatchObject({
      kind: 'orders',
      columns: { orderId: 'InvoiceNo', product: 'StockCode', quantity: 'Quantity' },
    });
    expect(s.features.mappingOf('lines')?.columns.amount).toBeUndefined();
    await expect.poll(() => s.quality.reports.lines).toBeDefined();
    const report = s.quality.reports.lines!;
    expect(report.orderLines).toBe(13); // 13 invoice numbers over 19 lines
    // Counted by hand from tests/support/order-lines-fixture.ts.
    expect(report.findings.map((f) => [f.id, f.column, f.count])).toEqual([
      ['duplicate-rows', undefined, 1],
      ['missing-customer', 'CustomerID', 3],
      ['nonpositive-quantity', 'Quantity', 6],
      ['nonpositive-price', 'UnitPrice', 2],
      ['cancelled', 'InvoiceNo', 5],
    ]);
    expect(report.passed.map((p) => p.id)).not.toContain('duplicate-key');
    const fixes = report.findings.flatMap((f) => f.fixes.map((x) => x.kind));
    expect(fixes).not.toContain('dedupe-key');
    expect(report.findings.at(-1)!.fixes.map((f) => f.kind)).toEqual([
      'net-cancellations',
      'exclude',
    ]);
  });

  it('reports same-day identical purchases as possible duplicates, with no default removal', async () => {
    const s = setup();
    await s.load(
      'transactions.csv',
      'customer_id,date,amount\nA,2024-01-05,30\nA,2024-01-05,30\nA,2024-01-06,30\nB,2024-01-05,30\n',
    );
    await expect.poll(() => s.quality.reports.transactions).toBeDefined();
    const [finding] = s.quality.reports.transactions!.findings;
    expect(finding).toMatchObject({ id: 'possible-duplicates', count: 1, fixes: [] });
    expect(finding!.explicit).toEqual([
      { kind: 'dedupe-columns', columns: ['customer_id', 'amount'], day: 'date' },
    ]);
    expect(translate('en', 'quality.possible-duplicates.about')).toContain(
      'a customer can buy the same thing twice a day',
    );
    expect(translate('zh-CN', 'quality.possible-duplicates.about')).toContain(
      '客户一天内也可能买两次同样的东西',
    );
  });
});

describe('QualityState.recheckAll', () => {
  it('checks again a table whose first check was still running when its roles changed', async () => {
    const s = setup();
    await s.query(
      "CREATE TABLE t AS SELECT * FROM (VALUES ('A', '2024-01-05', 30.0), ('A', '2024-01-05', 30.0), ('B', '2024-01-06', -5.0)) v(who, day, paid)",
    );
    await s.refresh();
    const first = s.quality.check('t'); // reads "no mapping", then waits for the engine
    s.features.setKind('t', 'orders', ['who', 'day', 'paid']);
    s.features.setRole('t', 'customerId', 'who');
    s.features.setRole('t', 'orderDate', 'day');
    s.features.setRole('t', 'amount', 'paid');
    const again = s.quality.recheckAll();
    await Promise.all([first, again]);
    expect(s.quality.reports.t!.mapped).toBe(true);
    expect(s.quality.reports.t!.findings.map((f) => f.id)).toEqual([
      'possible-duplicates',
      'negative-amount',
    ]);
  });
});
