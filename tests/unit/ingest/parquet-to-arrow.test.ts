import { tableFromIPC } from 'apache-arrow';
import type { SchemaElement } from 'hyparquet';
import { parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadError } from '../../../src/ingest/load-error';
import { loadFile } from '../../../src/ingest/load-file';
import { parquetToArrowBatches } from '../../../src/ingest/parquet-to-arrow';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const encode = (s: string) => new TextEncoder().encode(s);
const NAMES = [
  '王芳',
  'Li Wei',
  '',
  '客户🙂',
  'a customer name longer than sixteen bytes',
  '张伟 / 上海',
];
const CITIES = ['北京', '上海', 'Shenzhen'];
const BOM_B = Uint8Array.of(0xef, 0xbb, 0xbf, 0x62);
const ZHONG = encode('中');

/** Every source value of row i, by column; null where the row has none. */
const source = {
  id: (i: number) => (i % 5 === 0 ? -1n : 1n) * (2n ** 62n + BigInt(i) * 7919n),
  big: (i: number) => (i % 7 === 3 ? null : 9007199254740993n + BigInt(i)),
  n: (i: number) => (i % 6 === 3 ? null : i - 1000),
  small: (i: number) => i * 3,
  amount: (i: number) => (i % 4 === 3 ? null : i * 1.25 - 7.5),
  ratio: (i: number) => (i % 8) / 4,
  ok: (i: number) => (i % 5 === 3 ? null : i % 2 === 0),
  flag: (i: number) => i % 3 === 0,
  /** DECIMAL(9,2), unscaled. */
  price: (i: number) => (i % 9 === 3 ? null : BigInt(i * 100 + 45)),
  /** DECIMAL(18,3) in 8 fixed bytes, unscaled. */
  priceWide: (i: number) => (i % 8 === 3 ? null : BigInt(i) * 10007n - 5000n),
  day: (i: number) => (i % 10 === 3 ? null : i - 1200),
  atMs: (i: number) => (i % 11 === 3 ? null : BigInt(1_700_000_000_000 + i * 3_600_123)),
  atUs: (i: number) =>
    i % 12 === 3 ? null : BigInt(1_700_000_000_000_000 + i * 1_234_567) * (i % 4 ? 1n : -1n),
  name: (i: number) => (i % 13 === 3 ? null : NAMES[i % NAMES.length]! + (i % 2 ? String(i) : '')),
  city: (i: number) => CITIES[i % 3]!,
  raw: (i: number) => (i % 14 === 3 ? null : [BOM_B, encode('plain'), ZHONG][i % 3]!),
  /** Halves of one character: each row alone is not UTF-8, together they would be. */
  split: (i: number) => (i % 2 ? Uint8Array.of(0xad) : Uint8Array.of(0xe4, 0xb8)),
  bad: (i: number) => (i % 2 ? Uint8Array.of(0x61, 0xff, 0x62) : encode('ok')),
  tags: (i: number) =>
    i % 6 === 1 ? null : i % 6 === 2 ? [] : ['vip', i % 2 ? '新客' : null, String(i)],
  address: (i: number) =>
    i % 7 === 2 ? null : { city: i % 5 ? CITIES[i % 3]! : null, zip: i % 4 ? 100000 + i : null },
  payload: (i: number) => (i % 5 === 3 ? null : { k: i, s: '值' }),
};

const SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: Object.keys(source).length },
  { name: 'id', type: 'INT64', repetition_type: 'REQUIRED' },
  { name: 'big', type: 'INT64', repetition_type: 'OPTIONAL' },
  { name: 'n', type: 'INT32', repetition_type: 'OPTIONAL' },
  { name: 'small', type: 'INT32', repetition_type: 'REQUIRED' },
  { name: 'amount', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  { name: 'ratio', type: 'FLOAT', repetition_type: 'REQUIRED' },
  { name: 'ok', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
  { name: 'flag', type: 'BOOLEAN', repetition_type: 'REQUIRED' },
  {
    name: 'price',
    type: 'INT32',
    converted_type: 'DECIMAL',
    scale: 2,
    precision: 9,
    repetition_type: 'OPTIONAL',
  },
  {
    name: 'priceWide',
    type: 'FIXED_LEN_BYTE_ARRAY',
    type_length: 8,
    converted_type: 'DECIMAL',
    scale: 3,
    precision: 18,
    repetition_type: 'OPTIONAL',
  },
  { name: 'day', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
  { name: 'atMs', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL' },
  {
    name: 'atUs',
    type: 'INT64',
    converted_type: 'TIMESTAMP_MICROS',
    logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
    repetition_type: 'OPTIONAL',
  },
  { name: 'name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'city', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'raw', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
  { name: 'split', type: 'BYTE_ARRAY', repetition_type: 'REQUIRED' },
  { name: 'bad', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'address', repetition_type: 'OPTIONAL', num_children: 2 },
  { name: 'city', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'zip', type: 'INT32', repetition_type: 'OPTIONAL' },
  { name: 'payload', type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type: 'OPTIONAL' },
];

/** A Parquet file of `rows` rows of every column above; small pages, several per row group. */
function parquetFile(rows: number, rowGroupSize: number): Uint8Array<ArrayBuffer> {
  const columnData: ColumnSource[] = Object.entries(source).map(([name, value]) => {
    const data = Array.from({ length: rows }, (_, i) => value(i));
    if (name === 'small') return { name, data: Int32Array.from(data as number[]) };
    if (name === 'ratio') return { name, data: Float32Array.from(data as number[]) };
    return { name, data };
  });
  return new Uint8Array(
    parquetWriteBuffer({ columnData, schema: SCHEMA, rowGroupSize, pageSize: 512 }),
  );
}

/** What each row should read back as, with BIGINT, DATE and TIMESTAMP as text (exact). */
function expectedRow(i: number) {
  const text = (v: bigint | null) => (v === null ? null : String(v));
  // Nested columns (and JSON) arrive as JSON text.
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  const day = source.day(i);
  const atUs = source.atUs(i);
  return {
    id: String(source.id(i)),
    big: text(source.big(i)),
    n: source.n(i),
    small: source.small(i),
    amount: source.amount(i),
    ratio: source.ratio(i),
    ok: source.ok(i),
    flag: source.flag(i),
    day: day === null ? null : new Date(day * 86_400_000).toISOString().slice(0, 10),
    atMs: text(source.atMs(i)),
    // Timestamps keep whole milliseconds (cut toward zero), as they always have here.
    atUs: text(atUs === null ? null : (atUs / 1000n) * 1000n),
    name: source.name(i),
    city: source.city(i),
    // Like TextDecoder: the byte-order mark dropped, broken bytes replaced, row by row.
    raw: [null, 'b', 'plain', '中'][i % 14 === 3 ? 0 : (i % 3) + 1],
    split: '\uFFFD',
    bad: i % 2 ? 'a\uFFFDb' : 'ok',
    tags: json(source.tags(i)),
    address: json(source.address(i)),
    payload: json(source.payload(i)),
  };
}

const SELECT = `SELECT id::VARCHAR AS id, big::VARCHAR AS big, n, small, amount, ratio, ok, flag,
  price, priceWide, day::VARCHAR AS day, epoch_ms(atMs)::VARCHAR AS atMs,
  epoch_us(atUs)::VARCHAR AS atUs, name, city, raw, split, bad, tags, address, payload`;

async function checkRows(table: string, rows: number): Promise<void> {
  const { rows: back } = await engine.query(`${SELECT} FROM ${table} ORDER BY small`);
  expect(back).toHaveLength(rows);
  back.forEach((row, i) => {
    const { price, priceWide, ...rest } = row;
    expect(rest).toEqual(expectedRow(i));
    // DECIMAL loads as DOUBLE.
    const unscaled = source.price(i);
    const wide = source.priceWide(i);
    if (unscaled === null) expect(price).toBeNull();
    else expect(price).toBeCloseTo(Number(unscaled) / 100, 9);
    if (wide === null) expect(priceWide).toBeNull();
    else expect(priceWide).toBeCloseTo(Number(wide) / 1000, 9);
  });
}

describe('parquetToArrowBatches', () => {
  it('loads every supported type across row groups and pages, value for value', async () => {
    const rows = 2500;
    const loaded = await loadFile(
      engine,
      { name: 'all types.parquet', data: parquetFile(rows, 1000) },
      'all_types',
    );
    expect(loaded.rowCount).toBe(rows);
    expect(Object.fromEntries(loaded.columns.map((c) => [c.name, c.type]))).toEqual({
      id: 'BIGINT',
      big: 'BIGINT',
      n: 'INTEGER',
      small: 'INTEGER',
      amount: 'DOUBLE',
      ratio: 'DOUBLE',
      ok: 'BOOLEAN',
      flag: 'BOOLEAN',
      price: 'DOUBLE',
      priceWide: 'DOUBLE',
      day: 'DATE',
      atMs: 'TIMESTAMP',
      atUs: 'TIMESTAMP',
      name: 'VARCHAR',
      city: 'VARCHAR',
      raw: 'VARCHAR',
      split: 'VARCHAR',
      bad: 'VARCHAR',
      tags: 'VARCHAR',
      address: 'VARCHAR',
      payload: 'VARCHAR',
    });
    await checkRows('all_types', rows);
  });

  it('gathers row groups into batches of the rows asked for, with progress, from bytes or a File', async () => {
    const bytes = parquetFile(2500, 1000);
    const progress = async (data: Blob | Uint8Array, batchRows?: number) => {
      const out: [number, number, number][] = [];
      for await (const b of parquetToArrowBatches(data, batchRows)) {
        out.push([tableFromIPC(b.ipc).numRows, b.rowsDone, b.rowsTotal]);
      }
      return out;
    };
    // Row groups of 1000, 1000 and 500 rows; 1500 rows a batch splits the second.
    const expected = [
      [1500, 1500, 2500],
      [1000, 2500, 2500],
    ];
    expect(await progress(bytes, 1500)).toEqual(expected);
    expect(await progress(new Blob([bytes]), 1500)).toEqual(expected);
    expect(await progress(bytes)).toEqual([[2500, 2500, 2500]]);
  });

  it('keeps batches of long rows to about the bytes asked for', async () => {
    const sizes: number[] = [];
    let rows = 0;
    for await (const b of parquetToArrowBatches(parquetFile(2500, 1000), 100_000, 20_000)) {
      const table = tableFromIPC(b.ipc);
      rows += table.numRows;
      expect(b.rowsDone).toBe(rows);
      let bytes = 0;
      for (const batch of table.batches)
        for (const child of batch.data.children)
          bytes += child.values.byteLength + (child.valueOffsets?.byteLength ?? 0);
      sizes.push(bytes);
    }
    expect(rows).toBe(2500);
    expect(sizes.length).toBeGreaterThan(4);
    for (const bytes of sizes) expect(bytes).toBeLessThan(40_000);
  });

  it('splits a large row group into bounded batches, nulls at any row', async () => {
    const rows = 250;
    const seen: number[] = [];
    let first = true;
    for await (const batch of parquetToArrowBatches(parquetFile(rows, rows), 100)) {
      seen.push(batch.rowsDone);
      await engine.insertArrowIPC('split_batches', batch.ipc, first);
      first = false;
    }
    expect(seen).toEqual([100, 200, 250]);
    await checkRows('split_batches', rows);
  });

  it('refuses a damaged file with a message naming it, leaving no table behind', async () => {
    const good = parquetFile(300, 1000);
    const damaged = good.slice();
    damaged.fill(0xff, 4, 2000);
    const cases: [string, Uint8Array, string][] = [
      ['damaged.parquet', damaged, 'thrift'],
      ['cut.parquet', good.slice(0, good.length - 10), 'footer'],
      ['junk.parquet', encode('PAR1 not really parquet PAR1'), 'metadata'],
    ];
    for (const [name, data, detail] of cases) {
      const error = await loadFile(engine, { name, data }, 'damaged').then(
        () => new Error('loaded'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LoadError);
      expect(error).toMatchObject({ code: 'parquet-unreadable', file: name });
      const { messages } = error as LoadError;
      expect(messages.en).toContain(`"${name}" could not be read as Parquet (`);
      expect(messages.en).toContain(detail);
      expect(messages.zh).toContain(name);
    }
    const { rows } = await engine.query(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'damaged'",
    );
    expect(rows[0]?.n).toBe(0);
  });
});
