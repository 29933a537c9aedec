import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBTypeId,
  type DuckDBResultReader,
  type DuckDBType,
} from '@duckdb/node-api';
import { tableFromIPC, DataType, type Field } from 'apache-arrow';
import type {
  CellValue,
  ColumnInfo,
  ColumnKind,
  Engine,
  QueryResult,
  Row,
} from '../../src/engine/types';
import { createTableSql, sandboxSql, type NewColumn } from '../../src/sql/file-io';

/** The Arrow type names DuckDB-WASM reports (engine/arrow-rows.ts), for the same DuckDB types. */
const ARROW_TYPE: Partial<Record<DuckDBTypeId, string>> = {
  [DuckDBTypeId.BOOLEAN]: 'Bool',
  [DuckDBTypeId.TINYINT]: 'Int8',
  [DuckDBTypeId.SMALLINT]: 'Int16',
  [DuckDBTypeId.INTEGER]: 'Int32',
  [DuckDBTypeId.BIGINT]: 'Int64',
  [DuckDBTypeId.UTINYINT]: 'Uint8',
  [DuckDBTypeId.USMALLINT]: 'Uint16',
  [DuckDBTypeId.UINTEGER]: 'Uint32',
  [DuckDBTypeId.UBIGINT]: 'Uint64',
  [DuckDBTypeId.FLOAT]: 'Float32',
  [DuckDBTypeId.DOUBLE]: 'Float64',
  [DuckDBTypeId.VARCHAR]: 'Utf8',
  [DuckDBTypeId.DATE]: 'Date32<DAY>',
  [DuckDBTypeId.TIMESTAMP]: 'Timestamp<MICROSECOND>',
};

function kindOf(type: DuckDBType): ColumnKind {
  switch (type.typeId) {
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return 'number';
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
      return 'string';
    case DuckDBTypeId.DATE:
      return 'date';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'timestamp';
    case DuckDBTypeId.BOOLEAN:
      return 'boolean';
    default:
      return 'other';
  }
}

/** A value as DuckDB-WASM's rows give it: whole numbers as numbers where safe, dates as Date. */
function plain(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  if (
    typeof value === 'number' ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    value instanceof Date
  ) {
    return value;
  }
  return JSON.stringify(value, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

function toResult(reader: DuckDBResultReader): QueryResult {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const columns: ColumnInfo[] = names.map((name, i) => ({
    name,
    type: ARROW_TYPE[types[i]!.typeId] ?? String(types[i]),
    kind: kindOf(types[i]!),
  }));
  const rows: Row[] = reader.getRowObjectsJS().map((r) => {
    const row: Row = {};
    for (const name of names) row[name] = plain(r[name]);
    return row;
  });
  return { columns, rows };
}

function columnType(field: Field): NewColumn['type'] {
  const t = field.type;
  if (DataType.isUtf8(t) || DataType.isLargeUtf8(t)) return 'VARCHAR';
  if (DataType.isDictionary(t) && DataType.isUtf8(t.dictionary)) return 'VARCHAR';
  if (DataType.isFloat(t)) return 'DOUBLE';
  if (DataType.isInt(t)) return 'BIGINT';
  if (DataType.isBool(t)) return 'BOOLEAN';
  if (DataType.isDate(t)) return 'DATE';
  if (DataType.isTimestamp(t)) return 'TIMESTAMP';
  throw new Error(`column ${field.name}: Arrow type ${String(t)} is not supported here`);
}

/**
 * Native DuckDB (@duckdb/node-api) behind the app's Engine interface, so the CLI runs the same
 * state/ and sql/ code as the browser. Files the app would register in DuckDB-WASM's memory
 * (FILES_DIR names) are files on disk here: the original when it is read as it is, else a copy in
 * a temporary folder; the SQL naming them is pointed at the real path.
 */
export class NativeEngine implements Engine {
  /** Registered name (as SQL quotes it) -> the real path, quoted the same way. */
  #files = new Map<string, string>();
  /** Files the CLI opened from disk: the path DuckDB reads them from. */
  #paths = new WeakMap<Blob, string>();
  #scratch: string;
  #copies = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    scratch: string,
  ) {
    this.#scratch = scratch;
  }

  /**
   * Starts an in-memory database that can read and write only under `directories`; with
   * `memoryLimit`, DuckDB keeps to it and spills to `tempDir` (else a folder beside the scratch).
   */
  static async start(
    directories: readonly string[],
    options: { memoryLimit?: string; tempDir?: string } = {},
  ): Promise<NativeEngine> {
    const scratch = mkdtempSync(path.join(tmpdir(), 'seglab-'));
    const instance = await DuckDBInstance.create(':memory:', {
      ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
      temp_directory: options.tempDir ?? path.join(scratch, 'spill'),
    });
    const conn = await instance.connect();
    for (const sql of sandboxSql([...directories, scratch])) await conn.run(sql);
    return new NativeEngine(instance, conn, scratch);
  }

  /** A path in the engine's scratch folder (deleted with it), which DuckDB may write to. */
  scratchFile(name: string): string {
    return path.join(this.#scratch, name);
  }

  /** Says which file on disk a Blob (from `fs.openAsBlob`) is, so DuckDB reads it directly. */
  knowPath(blob: Blob, file: string): void {
    this.#paths.set(blob, file);
  }

  #sql(sql: string): string {
    let out = sql;
    for (const [name, real] of this.#files) out = out.replaceAll(name, real);
    return out;
  }

  async query(sql: string): Promise<QueryResult> {
    return toResult(await this.conn.runAndReadAll(this.#sql(sql)));
  }

  async queryNumbers(sql: string): Promise<Record<string, Float64Array>> {
    const { columns, rows } = await this.query(sql);
    const out: Record<string, Float64Array> = {};
    for (const c of columns) {
      if (c.kind !== 'number' && c.kind !== 'boolean') continue;
      out[c.name] = Float64Array.from(rows, (r) => {
        const v = r[c.name];
        return v === null || v === undefined ? NaN : Number(v);
      });
    }
    return out;
  }

  async exec(sql: string): Promise<void> {
    await this.conn.run(this.#sql(sql));
  }

  async registerFile(name: string, data: Blob | Uint8Array): Promise<void> {
    let real = data instanceof Uint8Array ? undefined : this.#paths.get(data);
    if (!real) {
      real = path.join(this.#scratch, `copy_${++this.#copies}${path.extname(name)}`);
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
      writeFileSync(real, bytes);
    }
    const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
    this.#files.set(quote(name), quote(real));
  }

  async dropFile(name: string): Promise<void> {
    this.#files.delete(`'${name.replaceAll("'", "''")}'`);
  }

  async insertArrowIPC(table: string, ipc: Uint8Array, create: boolean): Promise<void> {
    const arrow = tableFromIPC(ipc);
    const fields = arrow.schema.fields;
    const types = fields.map(columnType);
    if (create) {
      await this.exec(
        createTableSql(
          table,
          fields.map((f, i) => ({ name: f.name, type: types[i]! })),
        ),
      );
    }
    const appender = await this.conn.createAppender(table);
    const vectors = fields.map((_f, i) => arrow.getChildAt(i)!);
    for (let r = 0; r < arrow.numRows; r++) {
      for (let c = 0; c < fields.length; c++) {
        const v: unknown = vectors[c]!.get(r);
        if (v === null || v === undefined) appender.appendNull();
        else if (types[c] === 'VARCHAR') appender.appendVarchar(String(v));
        else if (types[c] === 'DOUBLE') appender.appendDouble(Number(v));
        else if (types[c] === 'BIGINT') appender.appendBigInt(BigInt(v as number | bigint));
        else if (types[c] === 'BOOLEAN') appender.appendBoolean(Boolean(v));
        else throw new Error(`column ${fields[c]!.name}: dates from Arrow are not supported here`);
      }
      appender.endRow();
    }
    appender.closeSync();
  }

  async cancel(): Promise<boolean> {
    this.conn.interrupt();
    return true;
  }

  async terminate(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
    rmSync(this.#scratch, { recursive: true, force: true });
  }
}
