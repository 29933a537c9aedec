import type { Engine } from '../engine/types';
import { dropTableSql } from '../sql/catalog';
import { countRowsSql, createTableFromCsvSql, describeTableSql } from '../sql/read-file-sql';
import { formatFromName, type FileFormat } from './file-format';
import { jsonRecordsToArrowBatches, parseJsonRecords } from './json-to-arrow';
import { parquetToArrowBatches } from './parquet-to-arrow';

export interface LoadedTable {
  table: string;
  rowCount: number;
  columns: { name: string; type: string }[];
}

/** A file to load: a browser File or, in tests and for samples, bytes with a name. */
export interface FileInput {
  name: string;
  data: File | Uint8Array;
}

export class UnsupportedFormatError extends Error {
  constructor(readonly fileName: string) {
    super(`unsupported format: ${fileName}`);
  }
}

let registered = 0;

async function loadInto(
  engine: Engine,
  format: FileFormat,
  input: FileInput,
  table: string,
  onProgress: (fraction: number) => void,
): Promise<void> {
  if (format === 'parquet') {
    let first = true;
    for await (const batch of parquetToArrowBatches(input.data)) {
      await engine.insertArrowIPC(table, batch.ipc, first);
      first = false;
      onProgress(batch.rowsTotal ? batch.rowsDone / batch.rowsTotal : 1);
    }
    return;
  }
  if (format === 'json') {
    const text =
      input.data instanceof Uint8Array
        ? new TextDecoder().decode(input.data)
        : await input.data.text();
    let first = true;
    for (const ipc of jsonRecordsToArrowBatches(parseJsonRecords(text))) {
      await engine.insertArrowIPC(table, ipc, first);
      first = false;
    }
    onProgress(1);
    return;
  }
  const fileName = `__seglab_file_${++registered}_${input.name.replace(/[^\w.]/g, '_')}`;
  await engine.registerFile(fileName, input.data);
  try {
    await engine.exec(createTableFromCsvSql(table, fileName));
  } finally {
    await engine.dropFile(fileName);
  }
}

/**
 * Loads one file into a new DuckDB table. On failure nothing is left behind: the half-made
 * table is dropped, and tables loaded earlier are never touched.
 */
export async function loadFile(
  engine: Engine,
  input: FileInput,
  table: string,
  onProgress: (fraction: number) => void = () => {},
): Promise<LoadedTable> {
  const format = formatFromName(input.name);
  if (format === null || format === 'excel') throw new UnsupportedFormatError(input.name);
  try {
    await loadInto(engine, format, input, table, onProgress);
  } catch (e) {
    await engine.exec(dropTableSql(table)).catch(() => {});
    throw e;
  }
  const count = await engine.query(countRowsSql(table));
  const described = await engine.query(describeTableSql(table));
  return {
    table,
    rowCount: Number(count.rows[0]?.n ?? 0),
    columns: described.rows.map((r) => ({
      name: String(r.column_name),
      type: String(r.data_type),
    })),
  };
}
