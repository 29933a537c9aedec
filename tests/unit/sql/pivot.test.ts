import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../src/domain/result';
import { PIVOT_AGGREGATES, type PivotAggregate, type PivotSpec } from '../../../src/sql/pivot';
import { toCsv } from '../../../src/io/export-csv';
import { ident } from '../../../src/sql/quote';
import {
  MAX_PIVOT_COLUMNS,
  PivotTooWideError,
  pivotExportRows,
  runPivot,
  type PivotTable,
} from '../../../src/state/run-pivot';
import { NodeEngine } from '../../support/node-engine';

const REGION = '地区 "region"';
const CHANNEL = "it's a channel";
const TIER = 'tier; DROP TABLE t';
const AMOUNT = '金额 (¥)';
const TABLE = 'orders "2024" 表';

interface Rec {
  region: string | null;
  channel: string | null;
  tier: string | null;
  amount: number | null;
}

// Nulls in every key; a channel value spelled like a row column and one holding quotes.
const RECORDS: Rec[] = [];
const regions = ['华东', 'north', null, 'O\'Neil "q"'];
const channels = ['web', null, REGION, '门店', '__r0'];
const tiers = ['A', 'B', null];
for (let i = 0; i < 211; i++) {
  RECORDS.push({
    region: regions[(i * 7) % 4]!,
    channel: channels[(i * 3 + (i >> 2)) % 5]!,
    tier: tiers[(i * 5) % 3]!,
    amount: i % 13 === 0 ? null : ((i * 37) % 101) + (i % 4) * 0.25,
  });
}

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  const lit = (v: string | number | null) =>
    v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`;
  const values = RECORDS.map(
    (r) => `(${lit(r.region)}, ${lit(r.channel)}, ${lit(r.tier)}, ${lit(r.amount)}::DOUBLE)`,
  ).join(',\n');
  await engine.exec(
    `CREATE TABLE ${ident(TABLE)} AS SELECT * FROM (VALUES ${values}) v(${[REGION, CHANNEL, TIER, AMOUNT].map(ident).join(', ')})`,
  );
});
afterAll(() => engine.close());

const FIELD: Record<string, keyof Rec> = {
  [REGION]: 'region',
  [CHANNEL]: 'channel',
  [TIER]: 'tier',
  [AMOUNT]: 'amount',
};

/** The independent GROUP BY: plain JS over the records. */
function aggregate(recs: Rec[], value: keyof Rec, kind: PivotAggregate): number | null {
  const vs = recs.map((r) => r[value]).filter((v) => v !== null);
  if (kind === 'count') return vs.length;
  if (kind === 'count_distinct') return new Set(vs).size;
  if (vs.length === 0) return null;
  const sum = (vs as number[]).reduce((a, b) => a + b, 0);
  return kind === 'sum' ? sum : sum / vs.length;
}

const close = (actual: CellValue, expected: number | null) => {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual as number).toBeCloseTo(expected, 9);
};

function checkAgainstJs(table: PivotTable, spec: PivotSpec) {
  const rowFields = spec.rows.map((r) => FIELD[r]!);
  const colField = spec.column ? FIELD[spec.column]! : undefined;
  const value = FIELD[spec.value]!;
  const keyOf = (r: Rec) => JSON.stringify(rowFields.map((f) => r[f]));
  const groups = new Map<string, Rec[]>();
  for (const r of RECORDS) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
  const expectedColumns = colField
    ? [...new Set(RECORDS.map((r) => r[colField]))].sort((a, b) =>
        a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0,
      )
    : [];
  expect(table.columnValues).toEqual(expectedColumns);
  expect(table.groups).toBe(groups.size);
  expect(table.rows).toHaveLength(groups.size);
  for (const row of table.rows) {
    const recs = groups.get(JSON.stringify(row.keys));
    expect(recs, JSON.stringify(row.keys)).toBeDefined();
    close(row.total, aggregate(recs!, value, spec.aggregate));
    expectedColumns.forEach((c, j) =>
      close(
        row.cells[j] ?? null,
        aggregate(
          recs!.filter((r) => r[colField!] === c),
          value,
          spec.aggregate,
        ),
      ),
    );
  }
  if (spec.rows.length > 0) {
    close(table.totals!.total, aggregate(RECORDS, value, spec.aggregate));
    expectedColumns.forEach((c, j) =>
      close(
        table.totals!.cells[j] ?? null,
        aggregate(
          RECORDS.filter((r) => r[colField!] === c),
          value,
          spec.aggregate,
        ),
      ),
    );
  }
}

describe('runPivot (DuckDB PIVOT) equals a GROUP BY in JS', () => {
  for (const aggregate of PIVOT_AGGREGATES) {
    it(`${aggregate}: two row keys, a column, nulls in every key, hostile names`, async () => {
      const value = aggregate === 'count_distinct' ? CHANNEL : AMOUNT;
      const spec: PivotSpec = { rows: [REGION, TIER], column: CHANNEL, value, aggregate };
      checkAgainstJs(await runPivot(engine, TABLE, spec), spec);
    });
  }

  it('without a pivot column: one value per row group', async () => {
    const spec: PivotSpec = { rows: [CHANNEL], value: AMOUNT, aggregate: 'avg' };
    checkAgainstJs(await runPivot(engine, TABLE, spec), spec);
  });

  it('without row keys: one row of column totals', async () => {
    const spec: PivotSpec = { rows: [], column: REGION, value: AMOUNT, aggregate: 'sum' };
    const table = await runPivot(engine, TABLE, spec);
    checkAgainstJs(table, spec);
    expect(table.totals).toBeUndefined();
  });

  it('cuts the rows shown at the cap but totals all of them', async () => {
    const spec: PivotSpec = {
      rows: [REGION, TIER],
      column: CHANNEL,
      value: AMOUNT,
      aggregate: 'sum',
    };
    const table = await runPivot(engine, TABLE, spec, 3);
    expect(table.rows).toHaveLength(3);
    expect(table.groups).toBe(12);
    close(table.totals!.total, aggregate(RECORDS, 'amount', 'sum'));
  });

  it('refuses a pivot column with more distinct values than the cap', async () => {
    await engine.exec(
      `CREATE TABLE wide AS SELECT i AS id, i % ${MAX_PIVOT_COLUMNS + 1} AS k, 1 AS v FROM range(500) r(i)`,
    );
    const spec: PivotSpec = { rows: [], column: 'k', value: 'v', aggregate: 'sum' };
    await expect(runPivot(engine, 'wide', spec)).rejects.toBeInstanceOf(PivotTooWideError);
    await expect(runPivot(engine, 'wide', spec)).rejects.toThrow(/more than 50 distinct values/);
  });
});

describe('pivotExportRows', () => {
  it('writes the shown pivot as CSV: a value named like a row column gets its own header', async () => {
    const spec: PivotSpec = { rows: [REGION], column: CHANNEL, value: AMOUNT, aggregate: 'count' };
    const table = await runPivot(engine, TABLE, spec);
    const { rows, columns } = pivotExportRows(table, { total: 'Total', nullText: 'NULL' });
    expect(columns.map((c) => c.name)).toEqual([
      REGION,
      '__r0',
      'web',
      `${REGION} (2)`,
      '门店',
      'NULL',
      'Total',
    ]);
    const csv = toCsv(rows, columns).split('\r\n');
    expect(csv).toHaveLength(1 + 4 + 1 + 1);
    const count = (region: string | null, channel: string | null) =>
      RECORDS.filter((r) => r.region === region && r.channel === channel && r.amount !== null)
        .length;
    const east = csv.find((l) => l.startsWith('华东'))!.split(',');
    expect(east.slice(1, 6).map(Number)).toEqual([
      count('华东', '__r0'),
      count('华东', 'web'),
      count('华东', REGION),
      count('华东', '门店'),
      count('华东', null),
    ]);
    expect(csv.at(-2)!.split(',').at(-1)).toBe(
      String(RECORDS.filter((r) => r.amount !== null).length),
    );
  });
});
