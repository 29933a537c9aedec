import type { Engine } from '../engine/types';
import type { Labels } from '../domain/labels';
import { dropTableSql } from '../sql/catalog';
import { countRowsSql, describeTableSql } from '../sql/read-file-sql';
import type { CsvReject } from './csv-load-report';
import type { SniffedFormat } from './detect-format';
import { jsonRecordsToArrowBatches, parseJsonRecords } from './json-to-arrow';
import { loadCsv } from './load-csv';
import { LoadError } from './load-error';
import { isOutOfMemory, outOfMemoryError } from './memory-estimate';
import {
  prepareFile,
  type CsvRead,
  type FileInput,
  type PreparedFile,
  type PrepareOptions,
} from './prepare-file';
import type { SheetInfo } from './read-excel';

export type { FileInput } from './prepare-file';

export interface LoadedTable {
  table: string;
  rowCount: number;
  columns: { name: string; type: string }[];
  format: SniffedFormat;
  /** CSV: the encoding the file was read with, and what detection said. */
  encoding?: string;
  detectedEncoding?: string;
  delimiter?: string;
  /** CSV: how it was read (chosen or detected), for the Read options panel. */
  read?: CsvRead;
  /** Workbooks: the sheet read, and all sheets. */
  sheet?: string;
  sheets?: SheetInfo[];
  /** Rows left out (CSV lines that did not fit), the first ones by line. */
  skippedRows: number;
  skipped: CsvReject[];
  /** What the user should know about the left-out lines, if any. */
  skippedWarning?: Labels;
  /** Renamed columns, skipped title rows, undecodable characters. */
  warnings: Labels[];
}

/** The user closed the sheet picker. */
export class LoadCancelled extends Error {
  constructor(readonly fileName: string) {
    super(`loading ${fileName} was cancelled`);
  }
}

/**
 * Loads a prepared file into a new DuckDB table. On failure nothing is left behind (the
 * half-made table is dropped; tables loaded earlier are never touched) and the error is a
 * LoadError naming the file.
 */
export async function loadPrepared(
  engine: Engine,
  prepared: PreparedFile,
  table: string,
  onProgress: (fraction: number) => void = () => {},
): Promise<LoadedTable> {
  const extra: Partial<LoadedTable> = {};
  const warnings = [...prepared.warnings];
  try {
    if (prepared.kind === 'csv') {
      const report = await loadCsv(engine, prepared, table);
      Object.assign(extra, {
        ...(report.warning ? { skippedWarning: report.warning } : {}),
        encoding: prepared.encoding,
        detectedEncoding: prepared.detected.encoding,
        delimiter: prepared.read.delimiter,
        read: prepared.read,
        skippedRows: report.skippedRows,
        skipped: report.rejects,
      });
    } else if (prepared.kind === 'sheet') {
      await engine.insertArrowIPC(table, prepared.table.ipc, true);
      Object.assign(extra, { sheet: prepared.sheet, sheets: prepared.sheets });
    } else if (prepared.kind === 'parquet') {
      // Decoding takes seconds for a large file: in a worker where there are workers (not in
      // Node); otherwise here, giving the page a turn between batches.
      const inWorker = typeof Worker !== 'undefined';
      const batches = inWorker
        ? (await import('./parquet-in-worker')).parquetInWorker(prepared.data)
        : (await import('./parquet-to-arrow')).parquetToArrowBatches(prepared.data);
      let first = true;
      for await (const batch of batches) {
        await engine.insertArrowIPC(table, batch.ipc, first);
        first = false;
        onProgress(batch.rowsTotal ? batch.rowsDone / batch.rowsTotal : 1);
        if (!inWorker) await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } else {
      const data = prepared.data;
      const text = data instanceof Uint8Array ? new TextDecoder().decode(data) : await data.text();
      let first = true;
      for (const ipc of jsonRecordsToArrowBatches(parseJsonRecords(text))) {
        await engine.insertArrowIPC(table, ipc, first);
        first = false;
      }
    }
  } catch (e) {
    await engine.exec(dropTableSql(table)).catch(() => {});
    throw asLoadError(e, prepared);
  }
  onProgress(1);
  const count = await engine.query(countRowsSql(table));
  const described = await engine.query(describeTableSql(table));
  return {
    table,
    rowCount: Number(count.rows[0]?.n ?? 0),
    columns: described.rows.map((r) => ({
      name: String(r.column_name),
      type: String(r.data_type),
    })),
    format: prepared.format,
    skippedRows: 0,
    skipped: [],
    ...extra,
    warnings,
  };
}

/** Prepares and loads a file in one go (samples, tests); throws LoadCancelled if asked and cancelled. */
export async function loadFile(
  engine: Engine,
  input: FileInput,
  table: string,
  options: PrepareOptions = {},
): Promise<LoadedTable> {
  const prepared = await prepareFile(input, options);
  if (!prepared) throw new LoadCancelled(input.name);
  return loadPrepared(engine, prepared, table, (f) => options.onProgress?.(f));
}

function asLoadError(error: unknown, prepared: PreparedFile): unknown {
  if (error instanceof LoadError) return error;
  const file = prepared.fileName;
  if (isOutOfMemory(error)) return outOfMemoryError(file, error);
  const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  const shown = detail.slice(0, 300);
  if (prepared.kind === 'json') {
    return new LoadError({
      code: 'json-invalid',
      file,
      messages: {
        en: `"${file}" is not valid JSON (${shown}).`,
        zh: `“${file}”不是有效的 JSON（${shown}）。`,
      },
      hint: {
        en: 'SegLab reads a JSON array of objects, or one object per line (NDJSON). Fix the file or export it again.',
        zh: 'SegLab 可读取对象数组形式的 JSON，或每行一个对象的 NDJSON。请修正文件或重新导出。',
      },
      cause: error,
    });
  }
  if (prepared.kind === 'parquet') {
    return new LoadError({
      code: 'parquet-unreadable',
      file,
      messages: {
        en: `"${file}" could not be read as Parquet (${shown}).`,
        zh: `无法将“${file}”读取为 Parquet（${shown}）。`,
      },
      hint: {
        en: 'The file may be damaged or written with an unusual encoding; write it again, or export the data as CSV.',
        zh: '文件可能已损坏或使用了不常见的编码；请重新生成，或将数据导出为 CSV。',
      },
      cause: error,
    });
  }
  return new LoadError({
    code: prepared.kind === 'sheet' ? 'excel-unreadable' : 'csv-read',
    file,
    messages: {
      en: `"${file}" could not be loaded (${shown}).`,
      zh: `无法加载“${file}”（${shown}）。`,
    },
    hint: {
      en: 'Check the file opens in Excel; save it again as .xlsx or CSV and load that.',
      zh: '请确认文件能在 Excel 中打开，重新另存为 .xlsx 或 CSV 后再加载。',
    },
    cause: error,
  });
}
