import type { SniffedFormat } from './detect-format';
import { LoadError } from './load-error';

export const GIB = 1024 ** 3;
/** WASM32 addresses at most 4 GiB, however much memory the machine has. */
export const WASM_LIMIT = 4 * GIB;
/** Kept free for DuckDB's own work beyond the data: query buffers, hash tables, results. */
export const DUCKDB_HEADROOM = 512 * 1024 ** 2;

/**
 * Memory per byte of file, rough upper figures from loading real exports:
 * - CSV/TSV: DuckDB stores the values uncompressed plus its read buffers, 1.5–3× the file; the
 *   file itself is read in slices, so JS holds nothing.
 * - Parquet: compressed columns expand 3–5× in DuckDB; hyparquet holds one row group as JS values.
 * - JSON: the whole text as a JS string (2 bytes a character), parsed objects, then Arrow.
 * - XLSX/ODS: zipped XML; SheetJS keeps every cell as an object (30–50× the zipped size).
 * - XLS: BIFF is not compressed, but SheetJS still holds every cell as an object.
 */
const FACTORS: Record<SniffedFormat, MemoryNeed> = {
  csv: { wasm: 2.5, js: 0 },
  tsv: { wasm: 2.5, js: 0 },
  parquet: { wasm: 5, js: 3 },
  json: { wasm: 2, js: 8 },
  ndjson: { wasm: 2, js: 8 },
  xlsx: { wasm: 4, js: 40 },
  ods: { wasm: 4, js: 40 },
  xls: { wasm: 2, js: 15 },
};
/** Re-encoding to UTF-8 keeps a UTF-8 copy (Blob parts) alongside the original. */
const TRANSCODE_JS = 1.5;

/** Bytes needed inside DuckDB's WASM heap and in the page's JS heap. */
export interface MemoryNeed {
  wasm: number;
  js: number;
}

/** What the browser tells about memory; every field is optional (only Chrome has the JS heap). */
export interface MemoryEnvironment {
  /** `performance.memory.jsHeapSizeLimit` and `usedJSHeapSize`. */
  jsHeapLimit?: number;
  jsHeapUsed?: number;
  /** `navigator.deviceMemory`: GiB of RAM, rounded down and capped at 8 by browsers. */
  deviceMemoryGb?: number;
}

export function estimateMemory(
  format: SniffedFormat,
  size: number,
  transcoded = false,
): MemoryNeed {
  const f = FACTORS[format];
  return {
    wasm: Math.ceil(size * f.wasm),
    js: Math.ceil(size * (f.js + (transcoded ? TRANSCODE_JS : 0))),
  };
}

/** Reads `performance.memory` and `navigator.deviceMemory` from a global object, when present. */
export function readMemoryEnvironment(global: {
  performance?: unknown;
  navigator?: unknown;
}): MemoryEnvironment {
  const env: MemoryEnvironment = {};
  const memory = (global.performance as { memory?: Record<string, unknown> } | undefined)?.memory;
  if (typeof memory?.jsHeapSizeLimit === 'number') env.jsHeapLimit = memory.jsHeapSizeLimit;
  if (typeof memory?.usedJSHeapSize === 'number') env.jsHeapUsed = memory.usedJSHeapSize;
  const device = (global.navigator as { deviceMemory?: unknown } | undefined)?.deviceMemory;
  if (typeof device === 'number' && device > 0) env.deviceMemoryGb = device;
  return env;
}

/**
 * What a new file may use. The tab gets at most half the device's memory when the browser says
 * how much there is; DuckDB never more than the 4 GiB WASM32 limit, less what it holds already
 * and some room to work; JS what the heap limit leaves, else the same conservative 4 GiB.
 */
export function memoryBudget(env: MemoryEnvironment, wasmUsed: number): MemoryNeed {
  const tab = env.deviceMemoryGb ? (env.deviceMemoryGb * GIB) / 2 : WASM_LIMIT;
  const wasm = Math.min(WASM_LIMIT, tab) - wasmUsed - DUCKDB_HEADROOM;
  const js =
    env.jsHeapLimit !== undefined
      ? env.jsHeapLimit - (env.jsHeapUsed ?? 0)
      : Math.min(tab, WASM_LIMIT);
  return { wasm: Math.max(0, wasm), js: Math.max(0, js) };
}

/** Throws a `too-big` LoadError, before anything is read, when the file cannot fit. */
export function checkMemory(
  fileName: string,
  size: number,
  need: MemoryNeed,
  budget: MemoryNeed,
): void {
  if (need.wasm <= budget.wasm && need.js <= budget.js) return;
  const shown = formatBytes(size);
  const inDb = need.wasm > budget.wasm;
  const [needed, left] = inDb
    ? [formatBytes(need.wasm), formatBytes(budget.wasm)]
    : [formatBytes(need.js), formatBytes(budget.js)];
  throw new LoadError({
    code: 'too-big',
    file: fileName,
    messages: inDb
      ? {
          en: `"${fileName}" (${shown}) would need about ${needed} of database memory, but only about ${left} is left (a browser tab's database can use at most 4 GB).`,
          zh: `“${fileName}”（${shown}）约需 ${needed} 数据库内存，但只剩约 ${left}（浏览器标签页中的数据库最多可用 4 GB）。`,
        }
      : {
          en: `"${fileName}" (${shown}) would need about ${needed} of browser memory to read, but only about ${left} is free.`,
          zh: `读取“${fileName}”（${shown}）约需 ${needed} 浏览器内存，但只剩约 ${left}。`,
        },
    hint: {
      en: 'Save it as Parquet (far smaller in memory), or keep only the columns and period you need and load that file. Closing other tables or tabs also helps.',
      zh: '请另存为 Parquet（占用内存小得多），或只保留需要的列和时间段后再加载。关闭其他数据表或标签页也有帮助。',
    },
  });
}

const OUT_OF_MEMORY =
  /out of memory|could not allocate|failed to allocate|memory access out of bounds|array buffer allocation failed|allocation failed|invalid (array|string) length|cannot enlarge memory/i;

/** Whether an error from DuckDB or the browser means memory ran out. */
export function isOutOfMemory(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return OUT_OF_MEMORY.test(text);
}

export function outOfMemoryError(fileName: string, cause: unknown): LoadError {
  return new LoadError({
    code: 'out-of-memory',
    file: fileName,
    messages: {
      en: `"${fileName}" ran out of memory while loading.`,
      zh: `加载“${fileName}”时内存不足。`,
    },
    hint: {
      en: 'Save it as Parquet, or keep only the columns and period you need, then load it again.',
      zh: '请另存为 Parquet，或只保留需要的列和时间段，然后重新加载。',
    },
    cause,
  });
}

/** `1.5 GB`, `820 MB`, `12 KB`: sizes in the units people see in their file manager. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${i > 0 && value < 10 ? value.toFixed(1) : Math.round(value)} ${units[i]}`;
}
