import { parquetWriteBuffer, type ColumnSource, type SchemaElement } from 'hyparquet-writer';
import type { CellValue, Row } from '../engine/types';
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

/** One Parquet column from a result column, typed by its kind. */
function parquetColumn(column: ExportColumn, values: CellValue[]): Column {
  const name = column.name;
  const optional = { name, repetition_type: 'OPTIONAL' } as const;
  switch (column.kind) {
    case 'number':
      if (/^u?int/i.test(column.type ?? '') && wholeNumbers(values)) {
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
  if (columns.length === 0) {
    throw new Error('Parquet export needs at least one column.\nParquet导出至少需要一列。');
  }
  const names = new Set(columns.map((c) => c.name));
  if (names.size !== columns.length) {
    throw new Error('Column names must be unique for Parquet.\nParquet导出要求列名不重复。');
  }
  const built = columns.map((c) =>
    parquetColumn(
      c,
      rows.map((r) => r[c.name] ?? null),
    ),
  );
  const buffer = parquetWriteBuffer({
    columnData: built.map((b) => b.source),
    schema: [{ name: 'root', num_children: built.length }, ...built.map((b) => b.element)],
  });
  return new Uint8Array(buffer);
}
