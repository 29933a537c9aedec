import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestConversions } from '../../../src/state/column-suggestions';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

describe('suggestConversions', () => {
  it('never offers to read invoice numbers or stock codes as amounts (a Chinese export)', async () => {
    // Invoice numbers with C-prefixed cancellations, stock codes with a letter suffix, and an
    // amount column written for people: only the amounts are numbers to convert.
    const rows = Array.from({ length: 40 }, (_, i) => {
      const invoice = i % 10 === 9 ? `C${536365 + i}` : String(536365 + i);
      const code = i % 7 === 6 ? `${85100 + i}A` : String(85100 + i);
      return `('${invoice}', '${code}', '¥${(i + 1) * 3},000.50')`;
    });
    await engine.exec(
      `CREATE TABLE cn AS SELECT * FROM (VALUES ${rows.join(', ')}) t("发票号", "商品编码", "金额")`,
    );
    const columns = ['发票号', '商品编码', '金额'].map((name) => ({ name, type: 'VARCHAR' }));
    const found = await suggestConversions(engine, 'cn', columns);
    expect(found.map((s) => [s.column, s.rule.to, s.total, s.misfits])).toEqual([
      ['金额', 'amount', 40, 0],
    ]);
    // The same invoice numbers under a neutral name are still left alone: their C codes show it.
    await engine.exec('CREATE TABLE ref AS SELECT "发票号" AS ref FROM cn');
    expect(await suggestConversions(engine, 'ref', [{ name: 'ref', type: 'VARCHAR' }])).toEqual([]);
  });
});
