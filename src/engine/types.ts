import type { CellValue, ColumnInfo, ColumnKind, QueryResult, Row } from '../domain/result';

export type { CellValue, ColumnInfo, ColumnKind, QueryResult, Row };

/** Where the engine is in its lazy start. */
export interface EngineProgress {
  phase: 'idle' | 'downloading' | 'starting' | 'ready' | 'failed';
  bytesLoaded: number;
  bytesTotal: number;
  /** Which DuckDB-WASM bundle runs: `coi` (threads), `eh` or `mvp`. */
  bundle?: string;
}

/**
 * The one interface every other layer uses to talk to DuckDB. The browser implementation runs
 * DuckDB-WASM in a Web Worker; tests use the same WASM build in Node.
 */
export interface Engine {
  /** Runs SQL (one or more statements) and returns the last statement's result as typed rows. */
  query(sql: string): Promise<QueryResult>;
  /**
   * Runs one query and returns its number (and boolean) columns as Float64Arrays, NULL as NaN:
   * many rows for JS to count over, without a row object each.
   */
  queryNumbers(sql: string): Promise<Record<string, Float64Array>>;
  /** Runs SQL for its effect only. */
  exec(sql: string): Promise<void>;
  /**
   * Makes a file readable by DuckDB under `name` without copying it into a JS string. SQL can
   * read it only when `name` is a path under FILES_DIR (see sandbox.ts).
   */
  registerFile(name: string, data: File | Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  /** Creates (or appends to) `table` from an Arrow IPC stream. */
  insertArrowIPC(table: string, ipc: Uint8Array, create: boolean): Promise<void>;
  /** Asks DuckDB to stop the running query; resolves to whether one was cancelled. */
  cancel(): Promise<boolean>;
  /**
   * Runs `work` so that `cancel` stops it at once, for work that may be cancelled to let the
   * user's in (background checks). Engines whose cancel always takes effect at once leave it out.
   */
  cancellable?<T>(work: () => Promise<T>): Promise<T>;
  /**
   * True when `cancellable` work runs on fewer threads than other work (DuckDB-WASM with threads
   * runs it on one), so user work may rather cancel it than wait for it.
   */
  readonly cancellableOnOneThread?: boolean;
  /** Stops the engine for good (its worker and memory), e.g. before a restart. */
  terminate?(): Promise<void>;
}
