import type { Engine } from '../engine/types';
import { FILES_DIR } from '../engine/sandbox';
import { dropTableSql } from '../sql/catalog';
import { countRowsSql } from '../sql/read-file-sql';
import { csvLoadReport, type CsvLoadReport } from './csv-load-report';
import { isOutOfMemory } from './memory-estimate';
import type { PreparedCsv } from './prepare-file';
import { CSV_REJECTS_TABLE, CSV_SCANS_TABLE, csvRejectsSql, readCsvSql } from '../sql/read-csv';
import { describeCsvErrorMessage } from './csv-error-message';

let registered = 0;
/** Each read may find more columns whose late values do not fit; a few rounds settle it. */
const MAX_READS = 3;

/** Columns whose values did not fit the type DuckDB sampled: read them as text instead. */
function castColumns(rejects: readonly Record<string, unknown>[]): string[] {
  const cast = rejects.filter((r) => r.error_type === 'CAST' && r.column_name != null);
  return [...new Set(cast.map((r) => String(r.column_name)))];
}

/** DuckDB set rows aside as not UTF-8: the file is in another encoding than it was read with. */
function wrongEncoding(fileName: string, line: number) {
  const error = new Error(`CSV Error on Line: ${line}\nInvalid unicode (byte sequence mismatch)`);
  return describeCsvErrorMessage(error, fileName);
}

/**
 * Reads a prepared (UTF-8) CSV into `table` with DuckDB, from the registered bytes or File
 * (the engine chooses how it reads a File): it never becomes one JS string. Rows that do not fit are set aside and
 * reported by line; when values late in the file did not fit the sampled type, the file is read
 * again with those columns as text, so nothing is lost. Throws a LoadError naming the file (and
 * line) when DuckDB cannot read it, or when the report says the layout is wrong.
 */
export async function loadCsv(
  engine: Engine,
  prepared: PreparedCsv,
  table: string,
): Promise<CsvLoadReport> {
  const name = `${FILES_DIR}file_${++registered}.csv`;
  await engine.registerFile(name, prepared.data);
  try {
    const read = async (textColumns: readonly string[]) => {
      const { preflight, read: how } = prepared;
      // DuckDB records a scan only when it set rows aside: start empty, so the report below
      // never shows the rows an earlier read of this file set aside.
      await engine.exec(dropTableSql(CSV_REJECTS_TABLE));
      await engine.exec(dropTableSql(CSV_SCANS_TABLE));
      try {
        // query, not exec: it goes through DuckDB's pending-query API, which reports progress.
        await engine.query(
          readCsvSql({
            file: name,
            table,
            // whitespaceToTabs made a whitespace-separated file tab-separated.
            delimiter: how.delimiter === 'whitespace' ? '\t' : how.delimiter,
            header: how.header,
            skip: how.skip,
            quote: how.quote,
            decimalComma: how.decimalComma,
            columnNames: preflight.columns.names,
            textColumns,
          }),
        );
      } catch (e) {
        if (isOutOfMemory(e)) throw e;
        throw describeCsvErrorMessage(e, prepared.fileName);
      }
      const count = await engine.query(countRowsSql(table));
      const rejects = await engine.query(csvRejectsSql(name));
      return { count: Number(count.rows[0]?.n ?? 0), rejects: rejects.rows };
    };
    let textColumns: string[] = [];
    for (let attempt = 1; ; attempt++) {
      const { count, rejects } = await read(textColumns);
      const more = castColumns(rejects).filter((c) => !textColumns.includes(c));
      if (more.length === 0 || attempt === MAX_READS) {
        const misread = rejects.find((r) => /ENCODING|UNICODE/i.test(String(r.error_type)));
        if (misread) throw wrongEncoding(prepared.fileName, Number(misread.line));
        return csvLoadReport(prepared.fileName, count, rejects);
      }
      textColumns = [...textColumns, ...more];
      await engine.exec(dropTableSql(table));
    }
  } finally {
    await engine.dropFile(name).catch(() => {});
  }
}
