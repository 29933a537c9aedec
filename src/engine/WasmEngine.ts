import {
  AsyncDuckDB,
  AsyncResultStreamIterator,
  DuckDBDataProtocol,
  VoidLogger,
  selectBundle,
  type AsyncDuckDBConnection,
  type DuckDBBundles,
} from '@duckdb/duckdb-wasm';
import { RecordBatchReader, tableFromIPC, type Table } from 'apache-arrow';
import { arrowNumberColumns, arrowToResult } from './arrow-rows';
import { SANDBOX_SQL } from './sandbox';
import type { Engine, EngineProgress, QueryResult } from './types';

/** DuckDB-WASM's error when a thread reads a File registered before that thread started. */
const FILE_NOT_IN_THREAD = /No HTML5 file registered with name/;

/** Files up to this size are read whole for the threaded bundle (see registerFile). */
const PARALLEL_READ_BYTES = 128 * 1024 * 1024;

/** A thread count DuckDB accepts: the cores the browser reports, 1 to 16. */
function threadsFor(cores: number | undefined): number {
  return Math.min(16, Math.max(1, Math.floor(Number(cores) || 1)));
}

/** DuckDB reports query progress (0-100) through this hook while long statements run. */
export type QueryProgressHandler = (percentage: number) => void;

/** How long DuckDB works on a query before it answers the next message (a cancel). */
const QUERY_SLICE_MS = 20;

class ProgressDuckDB extends AsyncDuckDB {
  onQueryProgress(handler: QueryProgressHandler): void {
    this._onExecutionProgress.push((p) => {
      const pct = Number.parseFloat(p.percentage);
      if (Number.isFinite(pct)) handler(pct);
    });
  }
}

/**
 * DuckDB-WASM in a Web Worker. Created by `start`, which `Workspace.start` calls once, when
 * the page opens (main.ts hands it the bundles and the warm-up).
 */
export class WasmEngine implements Engine {
  private running = 0;
  /** Files registered as File handles, which only some threads can read (see onOneThread). */
  private readonly handles = new Set<string>();
  /** Inside `cancellable`, and whether a cancel came there while no query ran. */
  private inCancellable = false;
  private cancelled = false;

  private constructor(
    private readonly db: ProgressDuckDB,
    private readonly conn: AsyncDuckDBConnection,
    private readonly worker: Worker,
    readonly bundle: string,
  ) {}

  /**
   * `warmUp` runs on the new engine before it reports ready (the app passes
   * state/warm-up-pipeline.ts); if it fails, the engine starts anyway.
   */
  static async start(
    bundles: DuckDBBundles,
    onProgress: (p: EngineProgress) => void,
    onQueryProgress: QueryProgressHandler,
    warmUp: (engine: Engine) => Promise<void>,
  ): Promise<WasmEngine> {
    const chosen = await selectBundle(bundles);
    const bundle = chosen.pthreadWorker ? 'coi' : chosen.mainModule.includes('-eh') ? 'eh' : 'mvp';
    onProgress({ phase: 'downloading', bytesLoaded: 0, bytesTotal: 0, bundle });
    const worker = new Worker(chosen.mainWorker!);
    const db = new ProgressDuckDB(new VoidLogger(), worker);
    await db.instantiate(chosen.mainModule, chosen.pthreadWorker, (p) =>
      onProgress({
        phase: 'downloading',
        bytesLoaded: p.bytesLoaded,
        bytesTotal: p.bytesTotal,
        bundle,
      }),
    );
    onProgress({ phase: 'starting', bytesLoaded: 1, bytesTotal: 1, bundle });
    // DuckDB-WASM answers nothing, a cancel included, while it works on a query slice (100 ms
    // by default): a short slice lets a cancel stop a background check quickly.
    //
    // With threads, one per reported core: DuckDB's default of 4 only contends on 2 cores. Set
    // at open, not by `SET threads` later, which starts more thread workers (each instantiates
    // the WebAssembly again) and hangs the worker if sent before the first query. Numbers:
    // `npm run bench`, docs/performance.md.
    await db.open({
      ...(bundle === 'coi' ? { maximumThreads: threadsFor(navigator.hardwareConcurrency) } : {}),
      query: { castBigIntToDouble: false, queryPollingInterval: QUERY_SLICE_MS },
    });
    db.onQueryProgress(onQueryProgress);
    const conn = await db.connect();
    await conn.query('SET enable_progress_bar=true');
    for (const sql of SANDBOX_SQL) await conn.query(sql);
    const engine = new WasmEngine(db, conn, worker, bundle);
    try {
      await warmUp(engine);
    } catch (e) {
      // Only a speed-up: the engine works without it.
      console.warn('DuckDB warm-up failed', e);
    }
    onProgress({ phase: 'ready', bytesLoaded: 1, bytesTotal: 1, bundle });
    return engine;
  }

  async query(sql: string): Promise<QueryResult> {
    return arrowToResult(await this.queryArrow(sql));
  }

  async queryNumbers(sql: string): Promise<Record<string, Float64Array>> {
    return arrowNumberColumns(await this.queryArrow(sql));
  }

  /** Runs one statement through DuckDB's pending-query API so that `cancel` can stop it. */
  async queryArrow(sql: string): Promise<Table> {
    if (this.bundle === 'coi' && [...this.handles].some((name) => sql.includes(name))) {
      return this.onOneThread(() => this.send(sql));
    }
    try {
      return await this.send(sql);
    } catch (e) {
      if (this.bundle !== 'coi' || !FILE_NOT_IN_THREAD.test(String(e))) throw e;
      return this.onOneThread(() => this.send(sql));
    }
  }

  /**
   * AsyncDuckDBConnection.send, with one change: with threads, the worker answers a poll at once
   * while DuckDB's threads work, so polling back to back keeps the page's thread as busy as
   * DuckDB's own and slows small queries. It waits a millisecond between polls.
   */
  private async send(sql: string): Promise<Table> {
    this.running++;
    try {
      return await this.conn.useUnsafe(async (db, conn) => {
        let header = await db.startPendingQuery(conn, sql, true);
        while (header === null) {
          if (this.bundle === 'coi') await new Promise((resolve) => setTimeout(resolve, 1));
          header = await db.pollPendingQuery(conn);
        }
        const reader = await RecordBatchReader.from(
          new AsyncResultStreamIterator(db, conn, header),
        );
        return await tableFromIPC(reader);
      });
    } finally {
      this.running--;
    }
  }

  /**
   * A File registered by handle is known only to the threads running when it was registered
   * (duckdb/duckdb-wasm#2243); a large CSV, read in parallel, reaches threads that started
   * later and fails. A statement naming such a file runs on DuckDB's own thread, as does one
   * that failed that way.
   */
  private async onOneThread<T>(work: () => Promise<T>): Promise<T> {
    const setting = await this.conn.query("SELECT current_setting('threads') AS threads");
    const threads = Number(setting.toArray()[0]?.threads ?? 1);
    await this.conn.query('SET threads = 1');
    try {
      return await work();
    } finally {
      await this.conn.query(`SET threads = ${threadsFor(threads)}`);
    }
  }

  /** With threads, `cancellable` work runs on one of them (below). */
  get cancellableOnOneThread(): boolean {
    return this.bundle === 'coi';
  }

  /**
   * With threads, a cancel stops DuckDB handing out new tasks, but its threads finish the ones
   * they hold, and the next statement waits for them. On one thread, DuckDB works only while it
   * answers a poll (QUERY_SLICE_MS), so the cancel takes effect at the next one; switching the
   * thread count costs a few milliseconds once the threads have started.
   */
  async cancellable<T>(work: () => Promise<T>): Promise<T> {
    this.cancelled = false;
    this.inCancellable = true;
    try {
      if (!this.cancellableOnOneThread) return await work();
      return await this.onOneThread(() => {
        // A cancel that came while the threads were being set found no query to stop.
        if (this.cancelled) throw new Error('query was canceled');
        return work();
      });
    } finally {
      this.inCancellable = false;
    }
  }

  /**
   * Inside `cancellable` (e.g. the features table built in the background) the statement runs as
   * a pending query, which a cancel stops; elsewhere as one blocking call, without the polls.
   */
  async exec(sql: string): Promise<void> {
    if (this.inCancellable) await this.send(sql);
    else await this.conn.query(sql);
  }

  /**
   * Bytes are handed over as they are. A File is read by the worker in slices as DuckDB asks,
   * except with threads: a File handle is known only to the threads running when it was
   * registered (see onOneThread), so a file up to PARALLEL_READ_BYTES is read whole into
   * WebAssembly memory first and every thread can parse it. Single-threaded, reading it first
   * would only cost time and memory.
   */
  async registerFile(name: string, data: File | Uint8Array): Promise<void> {
    if (this.bundle === 'coi' && data instanceof File && data.size <= PARALLEL_READ_BYTES) {
      data = new Uint8Array(await data.arrayBuffer());
    }
    if (data instanceof Uint8Array) {
      await this.db.registerFileBuffer(name, data);
    } else {
      // The worker reads the File in slices as DuckDB asks: nothing is copied whole into JS.
      await this.db.registerFileHandle(name, data, DuckDBDataProtocol.BROWSER_FILEREADER, true);
      this.handles.add(name);
    }
  }

  async dropFile(name: string): Promise<void> {
    this.handles.delete(name);
    await this.db.dropFile(name);
  }

  async insertArrowIPC(table: string, ipc: Uint8Array, create: boolean): Promise<void> {
    await this.conn.insertArrowFromIPCStream(ipc, { name: table, create });
  }

  async cancel(): Promise<boolean> {
    if (this.inCancellable) this.cancelled = true;
    if (this.running === 0) return false;
    return this.conn.cancelSent();
  }

  async terminate(): Promise<void> {
    await this.db.terminate();
    this.worker.terminate();
  }
}
