import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBundle, writeBundle, type Bundle } from '../../../src/model/bundle-file';
import type { Notebook } from '../../../src/model/notebook';

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
    { table: 'A/B: "C"', rows: 1, parquet: new Uint8Array([5]) },
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
      'tables/A_B_ _C__2.parquet',
      'tables/a_b_ _c_.parquet',
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
