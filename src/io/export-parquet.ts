import { LocalizedError } from '../domain/localized-error';
import {
  ByteWriter,
  ParquetWriter,
  parquetWriteBuffer,
  type ColumnSource,
  type SchemaElement,
} from 'hyparquet-writer';
import type { CellValue, Row } from '../domain/result';
import type { ExportColumn } from './export-csv';

type Column = { source: ColumnSource; element: SchemaElement };

function wholeNumbers(values: CellValue[]): boolean {
  return values.every(
    (v) =>
      v === null ||
      (typeof v === 'number' && Number.isSafeInteger(v)) ||
      (typeof v === 'string' && /^-?\d+$/.test(v)),
  );
}

const isIntegerType = (column: ExportColumn) => /^u?int/i.test(column.type ?? '');

/**
 * One Parquet column from a result column, typed by its kind. `integers` says whether an integer
 * column's values are all whole (a chunked writer decides once, from the type alone).
 */
function parquetColumn(column: ExportColumn, values: CellValue[], integers: boolean): Column {
  const name = column.name;
  const optional = { name, repetition_type: 'OPTIONAL' } as const;
  switch (column.kind) {
    case 'number':
      if (isIntegerType(column) && integers) {
        return {
          source: {
            name,
            data: values.map((v) => (v === null ? null : BigInt(v as number | string))),
          },
          element: { ...optional, type: 'INT64' },
        };
      }
      return {
        source: { name, data: values.map((v) => (v === null ? null : Number(v))) },
        element: { ...optional, type: 'DOUBLE' },
      };
    case 'boolean':
      return { source: { name, data: values }, element: { ...optional, type: 'BOOLEAN' } };
    case 'date':
      return {
        source: { name, data: values },
        element: { ...optional, type: 'INT32', converted_type: 'DATE' },
      };
    case 'timestamp':
      return {
        source: { name, data: values },
        element: {
          ...optional,
          type: 'INT64',
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MILLIS' },
        },
      };
    default:
      return {
        source: {
          name,
          data: values.map((v) =>
            v === null ? null : v instanceof Date ? v.toISOString() : String(v),
          ),
        },
        element: { ...optional, type: 'BYTE_ARRAY', converted_type: 'UTF8' },
      };
  }
}

/**
 * Rows as a Parquet file, column by column: numbers as DOUBLE (INT64 for integer columns),
 * text as UTF-8, booleans, dates as DATE and timestamps as TIMESTAMP(ms); every column nullable.
 */
export function toParquet(rows: readonly Row[], columns: readonly ExportColumn[]): Uint8Array {
  checkColumns(columns);
  const built = columns.map((c) => {
    const values = rows.map((r) => r[c.name] ?? null);
    return parquetColumn(c, values, wholeNumbers(values));
  });
  const buffer = parquetWriteBuffer({
    columnData: built.map((b) => b.source),
    schema: [{ name: 'root', num_children: built.length }, ...built.map((b) => b.element)],
  });
  return new Uint8Array(buffer);
}

function checkColumns(columns: readonly ExportColumn[]): void {
  if (columns.length === 0) {
    throw new LocalizedError({
      en: 'Parquet export needs at least one column.',
      zh: 'Parquet导出至少需要一列。',
    });
  }
  const names = new Set(columns.map((c) => c.name));
  if (names.size !== columns.length) {
    throw new LocalizedError({
      en: 'Column names must be unique for Parquet.',
      zh: 'Parquet导出要求列名不重复。',
    });
  }
}

/** Writes a Parquet file a chunk of rows at a time, one row group per chunk. */
export interface ParquetChunks {
  write(rows: readonly Row[]): void;
  finish(): Uint8Array;
}

/**
 * A Parquet writer for a table too big to hold as rows at once: the caller pages the rows in
 * and each page becomes a row group. Types as in `toParquet`; integer columns (by their type)
 * are INT64.
 */
export function parquetChunks(columns: readonly ExportColumn[]): ParquetChunks {
  checkColumns(columns);
  const schema = columns.map((c) => parquetColumn(c, [], true).element);
  const writer = new ByteWriter();
  const parquet = new ParquetWriter({
    writer,
    schema: [{ name: 'root', num_children: schema.length }, ...schema],
  });
  return {
    write(rows) {
      if (rows.length === 0) return;
      const columnData = columns.map(
        (c) =>
          parquetColumn(
            c,
            rows.map((r) => r[c.name] ?? null),
            true,
          ).source,
      );
      parquet.write({ columnData, rowGroupSize: rows.length });
    },
    finish() {
      parquet.finish();
      return new Uint8Array(writer.getBuffer());
    },
  };
}
