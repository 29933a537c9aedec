import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFile } from '../../src/ingest/load-file';
import { guessRoles, guessTableKind } from '../../src/model/guess-roles';
import { pick } from '../../src/domain/labels';
import { PRESETS } from '../../src/model/presets';
import type { TableMapping } from '../../src/domain/roles';
import { defaultAsOfSql } from '../../src/sql/analysis-date';
import { featuresSql } from '../../src/sql/features';
import { segmentSummarySql } from '../../src/sql/segment-summary';
import { runPresetCell } from '../../src/state/run-preset-cell';
import { NodeEngine } from '../support/node-engine';

let engine: NodeEngine;
const mappings: TableMapping[] = [];
let asOf = '';

beforeAll(async () => {
  engine = await NodeEngine.start();
  for (const table of ['customers', 'orders', 'interactions', 'campaigns']) {
    const data = new Uint8Array(readFileSync(`sample-data/${table}.csv`));
    const loaded = await loadFile(engine, { name: `${table}.csv`, data }, table);
    const columns = loaded.columns.map((c) => c.name);
    const kind = guessTableKind(table, columns);
    mappings.push({ table, kind, columns: guessRoles(kind, columns) });
  }
  const orders = mappings.find((m) => m.kind === 'orders')!;
  asOf = String((await engine.query(defaultAsOfSql(orders))).rows[0]?.as_of);
  await engine.exec(
    featuresSql({
      name: 'customer_features',
      asOf,
      orders,
      customers: mappings.find((m) => m.kind === 'customers'),
      interactions: mappings.find((m) => m.kind === 'interactions'),
    }),
  );
}, 120_000);
afterAll(() => engine.close());

describe('every preset on the sample data, end to end through the cell runner', () => {
  it('maps the sample tables by their headers', () => {
    expect(mappings.map((m) => [m.table, m.kind])).toEqual([
      ['customers', 'customers'],
      ['orders', 'orders'],
      ['interactions', 'interactions'],
      ['campaigns', 'campaigns'],
    ]);
    expect(mappings[1]?.columns).toMatchObject({
      customerId: 'customer_id',
      orderDate: 'order_datetime',
      amount: 'amount',
    });
    expect(asOf).toBe('2025-01-01');
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s puts each of the 5,000 customers in exactly one segment',
    async (id, preset) => {
      for (const lang of ['en', 'zh-CN'] as const) {
        const cell = {
          id: `t_${id.replace(/\W/g, '_')}`,
          kind: 'preset' as const,
          presetId: id,
          params: preset.defaults() as Record<string, unknown>,
          name: `seg_${id.replace(/\W/g, '_')}`,
          strategies: {},
        };
        const result = await runPresetCell(engine, cell, asOf, lang, 180);
        expect(result.rowCount).toBe(5000);
        const distinct = await engine.query(
          `SELECT count(DISTINCT customer_id) AS n, count(*) FILTER (WHERE segment IS NULL) AS unnamed FROM ${cell.name}`,
        );
        expect(distinct.rows[0]).toEqual({ n: 5000, unnamed: 0 });
        const total = result.summary.reduce((a, r) => a + Number(r.customers), 0);
        expect(total).toBe(5000);
        // The cell takes revenue from its own `monetary` where it shows one: that must be the
        // features table's, customer by customer, and so give the summary the join gives.
        if (result.columns.some((c) => c.name === 'monetary')) {
          const differing = await engine.query(
            `SELECT count(*) AS n FROM ${cell.name} AS s JOIN customer_features AS f USING (customer_id)
             WHERE s.monetary IS DISTINCT FROM f.monetary`,
          );
          expect(differing.rows[0]).toEqual({ n: 0 });
        }
        // Equal up to the order the revenue is added in.
        const joined = await engine.query(
          segmentSummarySql(cell.name, { features: 'customer_features' }),
        );
        const bySegment = (a: { segment?: unknown }, b: { segment?: unknown }) =>
          String(a.segment).localeCompare(String(b.segment));
        expect([...result.summary].sort(bySegment)).toEqual(
          [...joined.rows].sort(bySegment).map((r) => ({
            ...r,
            revenue: expect.closeTo(Number(r.revenue), 6),
            revenue_share: expect.closeTo(Number(r.revenue_share), 12),
          })),
        );
        // Segments a preset knows in advance must carry their label in the cell's language,
        // and come in the preset's own order, not by size.
        const known = preset.segments(cell.params).map((s) => pick(s.label, lang));
        if (id !== 'geography') {
          const shown = result.summary.map((r) => String(r.segment));
          for (const segment of shown) expect(known).toContain(segment);
          expect(shown).toEqual(known.filter((k) => shown.includes(k)));
        }
      }
    },
  );
});
