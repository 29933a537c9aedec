import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBundle, writeBundle, type Bundle } from '../../../src/io/bundle-file';
import { serializeNotebook } from '../../../src/io/notebook-file';
import type { Notebook } from '../../../src/model/notebook';
import { declareZipEntry } from '../../support/zip-declare';

const notebook: Notebook = {
  version: 1,
  title: 'Bundle',
  cells: [{ id: 'a', kind: 'sql', source: 'SELECT * FROM orders', name: 'o' }],
  tables: [{ table: 'orders', fileName: 'orders.csv', origin: 'file', columns: ['id'] }],
  mappings: [],
  asOf: '',
};
const bundle: Bundle = {
  notebook,
  createdWith: 'SegLab 0.1.0',
  tables: [
    { table: 'orders', rows: 2, parquet: new Uint8Array([1, 2, 3]) },
    { table: 'a/b: "c"', rows: 0, parquet: new Uint8Array([4]) },
    { table: 'a_b: "c"', rows: 1, parquet: new Uint8Array([5]) },
  ],
};

const zip = (files: Record<string, unknown>) =>
  zipSync(
    Object.fromEntries(
      Object.entries(files).map(([k, v]) => [
        k,
        strToU8(typeof v === 'string' ? v : JSON.stringify(v)),
      ]),
    ),
  );
const manifest = { format: 'seglab-bundle', version: 1, createdWith: 'x', tables: [] };

describe('.seglab bundle', () => {
  it('round-trips the notebook and every table, with a manifest naming the version', () => {
    const bytes = writeBundle(bundle);
    expect(readBundle(bytes)).toEqual(bundle);
    const entries = unzipSync(bytes);
    expect(Object.keys(entries).sort()).toEqual([
      'manifest.json',
      'notebook.json',
      'tables/a_b_ _c_.parquet',
      'tables/a_b_ _c__2.parquet',
      'tables/orders.parquet',
    ]);
    const written = JSON.parse(new TextDecoder().decode(entries['manifest.json']));
    expect(written).toMatchObject({
      format: 'seglab-bundle',
      version: 1,
      createdWith: 'SegLab 0.1.0',
    });
    expect(written.tables[0]).toEqual({ table: 'orders', file: 'tables/orders.parquet', rows: 2 });
  });

  it('round-trips a results-only bundle: the features in place of the tables', () => {
    const features = {
      rows: 3,
      parquet: new Uint8Array([7, 8]),
      asOf: '2024-12-31',
      churn: { days: 120, gaps: 40, shorterShare: 0.9 },
      predictions: null,
    };
    const bytes = writeBundle({ ...bundle, tables: [], features });
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual([
      'manifest.json',
      'notebook.json',
      'results/customer_features.parquet',
    ]);
    expect(readBundle(bytes)).toEqual({ ...bundle, tables: [], features });
    const noChurn = { ...features, churn: null, predictions: 'clv' };
    expect(readBundle(writeBundle({ ...bundle, features: noChurn })).features).toEqual(noChurn);
  });

  it('says a results-only bundle is damaged: bad features entry or missing file', () => {
    const entry = {
      file: 'results/customer_features.parquet',
      rows: 1,
      asOf: '2024-12-31',
      churn: null,
      predictions: null,
    };
    const files = { 'notebook.json': serializeNotebook(notebook), [entry.file]: 'x' };
    expect(
      readBundle(zip({ 'manifest.json': { ...manifest, features: entry }, ...files })).features
        ?.rows,
    ).toBe(1);
    for (const bad of [
      { ...entry, asOf: 'yesterday' },
      { ...entry, file: '../orders.parquet' },
      { ...entry, rows: -1 },
      { ...entry, churn: { days: 'many', gaps: 1, shorterShare: null } },
      { ...entry, churn: { days: 30, gaps: 1, shorterShare: 2 } },
      { ...entry, predictions: 3 },
    ]) {
      const bytes = zip({ 'manifest.json': { ...manifest, features: bad }, ...files });
      expect(() => readBundle(bytes), JSON.stringify(bad)).toThrow(
        'the features entry of the manifest is damaged',
      );
    }
    const missing = zip({
      'manifest.json': { ...manifest, features: entry },
      'notebook.json': serializeNotebook(notebook),
    });
    expect(() => readBundle(missing)).toThrow('results/customer_features.parquet is missing');
  });

  it('says a file is not a bundle', () => {
    const notBundle = (bytes: Uint8Array) =>
      expect(() => readBundle(bytes)).toThrow(expect.objectContaining({ code: 'not-bundle' }));
    notBundle(strToU8('id,amount\n1,2\n'));
    notBundle(zip({ 'data.csv': 'id\n1\n' }));
    notBundle(zip({ 'manifest.json': { format: 'something-else', version: 1 } }));
  });

  it('says a bundle comes from a newer SegLab, by its manifest or its notebook', () => {
    const newer = (bytes: Uint8Array) =>
      expect(() => readBundle(bytes)).toThrow(expect.objectContaining({ code: 'newer-version' }));
    newer(zip({ 'manifest.json': { ...manifest, version: 2, createdWith: 'SegLab 3.0.0' } }));
    newer(
      zip({
        'manifest.json': manifest,
        'notebook.json': { format: 'seglab-notebook', version: 5, cells: [] },
      }),
    );
    expect(() =>
      readBundle(
        zip({ 'manifest.json': { ...manifest, version: 2, createdWith: 'SegLab 3.0.0' } }),
      ),
    ).toThrow(/version 2 \(SegLab 3\.0\.0\)/);
  });

  it('says a bundle is damaged: cut short, bad manifest, missing notebook or table', () => {
    const damaged = (bytes: Uint8Array, detail: RegExp) =>
      expect(() => readBundle(bytes)).toThrow(
        expect.objectContaining({ code: 'damaged', message: expect.stringMatching(detail) }),
      );
    const good = writeBundle(bundle);
    expect(() => readBundle(good.subarray(0, good.length - 40))).toThrow(
      expect.objectContaining({ code: 'not-bundle' }),
    );
    damaged(zip({ 'manifest.json': '{oops' }), /manifest.json is not valid JSON/);
    damaged(zip({ 'manifest.json': manifest }), /notebook.json/);
    damaged(
      zip({
        'manifest.json': {
          ...manifest,
          tables: [{ table: 'orders', file: 'tables/orders.parquet' }],
        },
        'notebook.json': JSON.stringify({ format: 'seglab-notebook', version: 1, cells: [] }),
      }),
      /tables\/orders.parquet is missing/,
    );
    damaged(
      zip({
        'manifest.json': { ...manifest, tables: 'all of them' },
        'notebook.json': JSON.stringify({ format: 'seglab-notebook', version: 1, cells: [] }),
      }),
      /lists no tables/,
    );
  });
});

const declare = declareZipEntry;

describe('.seglab bundle: bombs and names', () => {
  const GIB3 = 3 * 1024 ** 3;
  const withExtra = () =>
    zipSync({
      ...Object.fromEntries(Object.entries(unzipSync(writeBundle(bundle)))),
      'unused.bin': new Uint8Array(1000),
    });

  it('opens a bundle with an unused entry declaring 3 GiB, inflating only what it uses', () => {
    const started = performance.now();
    // A method no reader knows: inflating the entry at all would throw.
    const read = readBundle(declare(withExtra(), 'unused.bin', GIB3, 99));
    expect(read.tables.map((t) => t.table)).toEqual(['orders', 'a/b: "c"', 'a_b: "c"']);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses, before inflating, a used entry declaring more than the bundle may hold', () => {
    const bomb = declare(writeBundle(bundle), 'tables/orders.parquet', GIB3);
    expect(() => readBundle(bomb)).toThrow(
      expect.objectContaining({ code: 'too-big', message: expect.stringMatching(/3\.0 GB/) }),
    );
    // The caller's memory budget is a limit too: 3 + 1 + 1 bytes of tables and the notebook.
    const good = writeBundle(bundle);
    expect(() => readBundle(good, 100)).toThrow(
      expect.objectContaining({ code: 'too-big', message: expect.stringMatching(/at most 1 MB/) }),
    );
    expect(() => readBundle(declare(good, 'manifest.json', 50 * 1024 ** 2))).toThrow(
      expect.objectContaining({
        code: 'too-big',
        message: expect.stringMatching(/manifest\.json declares 50 MB/),
      }),
    );
    expect(() => readBundle(declare(good, 'notebook.json', 20 * 1024 ** 2))).toThrow(
      expect.objectContaining({
        code: 'too-big',
        message: expect.stringMatching(/notebook\.json declares 20 MB/),
      }),
    );
  });

  it('refuses table names that are empty, too long, reserved or repeated', () => {
    const named = (table: string, other = 'other') =>
      zip({
        'manifest.json': {
          ...manifest,
          tables: [
            { table, file: 'tables/a.parquet', rows: 0 },
            { table: other, file: 'tables/b.parquet', rows: 0 },
          ],
        },
        'notebook.json': { format: 'seglab-notebook', version: 1, cells: [] },
        'tables/a.parquet': 'x',
        'tables/b.parquet': 'y',
      });
    const bad = (bytes: Uint8Array, detail: RegExp) =>
      expect(() => readBundle(bytes)).toThrow(
        expect.objectContaining({ code: 'bad-name', message: expect.stringMatching(detail) }),
      );
    bad(named(''), /empty name/);
    bad(named('   '), /empty name/);
    bad(named('x'.repeat(5000)), /5000 characters \(at most 63\)/);
    bad(named('__seglab_cell_c0'), /"__seglab_cell_c0" has a name SegLab or DuckDB uses/);
    bad(named('customer_features'), /"customer_features"/);
    bad(named('orders__raw'), /"orders__raw"/);
    bad(named('Orders', 'orders'), /"orders" is listed twice/);
    expect(readBundle(named('订单 2024')).tables[0]?.table).toBe('订单 2024');
  });

  it('names a "__proto__" key in the manifest instead of failing later', () => {
    const text = `{"format":"seglab-bundle","version":1,"tables":[],"__proto__":{"x":1}}`;
    expect(() => readBundle(zip({ 'manifest.json': text }))).toThrow(
      expect.objectContaining({ code: 'damaged', message: expect.stringMatching(/"__proto__"/) }),
    );
  });
});
