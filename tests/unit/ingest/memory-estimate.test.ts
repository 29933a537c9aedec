import { describe, expect, it } from 'vitest';
import { LoadError } from '../../../src/ingest/load-error';
import {
  checkMemory,
  DUCKDB_HEADROOM,
  estimateMemory,
  formatBytes,
  GIB,
  isOutOfMemory,
  memoryBudget,
  outOfMemoryError,
  readMemoryEnvironment,
  WASM_LIMIT,
} from '../../../src/ingest/memory-estimate';
import { NodeEngine } from '../../support/node-engine';

const MB = 1024 ** 2;

describe('estimateMemory', () => {
  it('scales the file size by format; re-encoding adds a JS copy', () => {
    expect(estimateMemory('csv', 100 * MB)).toEqual({ wasm: 250 * MB, js: 0 });
    expect(estimateMemory('csv', 100 * MB, true)).toEqual({ wasm: 250 * MB, js: 150 * MB });
    expect(estimateMemory('parquet', 10 * MB)).toEqual({ wasm: 50 * MB, js: 30 * MB });
    expect(estimateMemory('json', 10 * MB)).toEqual({ wasm: 20 * MB, js: 80 * MB });
    expect(estimateMemory('xlsx', 10 * MB)).toEqual({ wasm: 40 * MB, js: 400 * MB });
    expect(estimateMemory('xls', 10 * MB)).toEqual({ wasm: 20 * MB, js: 150 * MB });
  });
});

describe('memoryBudget', () => {
  it('without browser figures: the 4 GiB WASM32 limit for both, less what DuckDB holds', () => {
    expect(memoryBudget({}, GIB)).toEqual({
      wasm: WASM_LIMIT - GIB - DUCKDB_HEADROOM,
      js: WASM_LIMIT,
    });
  });

  it('half the device memory for the tab, and the JS heap left', () => {
    const env = { deviceMemoryGb: 2, jsHeapLimit: 2 * GIB, jsHeapUsed: 0.5 * GIB };
    expect(memoryBudget(env, 0)).toEqual({ wasm: GIB - DUCKDB_HEADROOM, js: 1.5 * GIB });
    expect(memoryBudget({ deviceMemoryGb: 0.5 }, 0)).toEqual({ wasm: 0, js: 0.25 * GIB });
  });

  it('reads performance.memory and navigator.deviceMemory when the browser has them', () => {
    const env = readMemoryEnvironment({
      performance: { memory: { jsHeapSizeLimit: 4e9, usedJSHeapSize: 1e9 } },
      navigator: { deviceMemory: 8 },
    });
    expect(env).toEqual({ jsHeapLimit: 4e9, jsHeapUsed: 1e9, deviceMemoryGb: 8 });
    expect(readMemoryEnvironment({ performance: {}, navigator: {} })).toEqual({});
  });
});

describe('checkMemory', () => {
  const budget = { wasm: GIB, js: 2 * GIB };

  it('lets a file through that fits', () => {
    expect(() =>
      checkMemory('a.csv', 100 * MB, estimateMemory('csv', 100 * MB), budget),
    ).not.toThrow();
  });

  it('refuses a CSV too big for DuckDB, naming the file and suggesting Parquet', () => {
    const size = 600 * MB;
    let error: unknown;
    try {
      checkMemory('big orders.csv', size, estimateMemory('csv', size), budget);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LoadError);
    const e = error as LoadError;
    expect(e.code).toBe('too-big');
    expect(e.messages.en).toBe(
      '"big orders.csv" (600 MB) would need about 1.5 GB of database memory, but only about 1.0 GB is left (a browser tab\'s database can use at most 4 GB).',
    );
    expect(e.messages.zh).toContain('big orders.csv');
    expect(e.hint.en).toContain('Parquet');
    expect(e.hint.zh).toContain('Parquet');
  });

  it('refuses a workbook too big for the browser to read', () => {
    const size = 60 * MB; // SheetJS: 40 × 60 MB = 2.3 GB of JS
    expect(() => checkMemory('big.xlsx', size, estimateMemory('xlsx', size), budget)).toThrow(
      /"big\.xlsx" \(60 MB\) would need about 2\.3 GB of browser memory to read, but only about 2\.0 GB is free/,
    );
  });
});

describe('out of memory', () => {
  it('recognises DuckDB running out of memory, and the browser failing to allocate', async () => {
    const engine = await NodeEngine.start();
    await engine.exec("SET memory_limit = '2MB'");
    let error: unknown;
    try {
      await engine.exec(
        "CREATE TABLE big AS SELECT range AS i, repeat('x', 100) AS s FROM range(200000)",
      );
    } catch (e) {
      error = e;
    }
    engine.close();
    expect(isOutOfMemory(error)).toBe(true);
    expect(isOutOfMemory(new RangeError('Array buffer allocation failed'))).toBe(true);
    expect(isOutOfMemory(new Error('Binder Error: column x not found'))).toBe(false);
    const e = outOfMemoryError('big.csv', error);
    expect(e).toMatchObject({ code: 'out-of-memory', file: 'big.csv' });
    expect(e.messages.en).toBe('"big.csv" ran out of memory while loading.');
  });

  it('formats sizes as file managers do', () => {
    expect([512, 12 * 1024, 1.5 * MB, 820 * MB, 3.2 * GIB].map(formatBytes)).toEqual([
      '512 B',
      '12 KB',
      '1.5 MB',
      '820 MB',
      '3.2 GB',
    ]);
  });
});
