import { createRequire } from 'node:module';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import {
  createDuckDB,
  NODE_RUNTIME,
  VoidLogger,
  type DuckDBBindings,
  type DuckDBConnection,
} from '@duckdb/duckdb-wasm/blocking';
import { arrowNumberColumns, arrowToResult } from '../../src/engine/arrow-rows';
import { SANDBOX_SQL } from '../../src/engine/sandbox';
import type { Engine, QueryResult } from '../../src/engine/types';

const require = createRequire(import.meta.url);

/**
 * DuckDB's WebAssembly, compiled once per test process (kept on the global object, which test
 * files share with `isolate: false`): compiling the 35 MB module took 1.2 s a start.
 */
const cache = globalThis as { seglabDuckdbModule?: Promise<WebAssembly.Module> };
async function instantiateOnce<T>(start: () => Promise<T>): Promise<T> {
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = ((
    source: BufferSource | WebAssembly.Module,
    imports?: WebAssembly.Imports,
  ) => {
    if (source instanceof WebAssembly.Module) return instantiate(source, imports);
    cache.seglabDuckdbModule ??= WebAssembly.compile(source);
    return cache.seglabDuckdbModule.then(async (module) => ({
      module,
      instance: await instantiate(module, imports),
    }));
  }) as typeof WebAssembly.instantiate;
  try {
    return await start();
  } finally {
    WebAssembly.instantiate = instantiate;
  }
}

/**
 * The real DuckDB-WASM build, run synchronously in Node, behind the app's Engine interface.
 * Tests use it instead of a mock so every SQL string is checked by DuckDB itself.
 */
export class NodeEngine implements Engine {
  private constructor(
    readonly db: DuckDBBindings,
    readonly conn: DuckDBConnection,
  ) {}

  static async start(): Promise<NodeEngine> {
    const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
    const bundles = {
      mvp: {
        mainModule: path.join(dist, 'duckdb-mvp.wasm'),
        mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs'),
      },
      eh: {
        mainModule: path.join(dist, 'duckdb-eh.wasm'),
        mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs'),
      },
    };
    const db = await createDuckDB(bundles, new VoidLogger(), NODE_RUNTIME);
    await instantiateOnce(() => db.instantiate());
    const conn = db.connect();
    // The app's sandbox, as in the browser: no extensions (in Node that request hangs forever),
    // no files outside FILES_DIR, no URLs, configuration locked.
    for (const sql of SANDBOX_SQL) conn.query(sql);
    return new NodeEngine(db, conn);
  }

  async query(sql: string): Promise<QueryResult> {
    return arrowToResult(this.conn.query(sql));
  }

  async queryNumbers(sql: string): Promise<Record<string, Float64Array>> {
    return arrowNumberColumns(this.conn.query(sql));
  }

  async exec(sql: string): Promise<void> {
    this.conn.query(sql);
  }

  async registerFile(name: string, data: File | Uint8Array): Promise<void> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
    this.db.registerFileBuffer(name, bytes);
  }

  /** Registers a file from disk, e.g. a fixture. */
  registerPath(name: string, file: string): void {
    this.db.registerFileBuffer(name, new Uint8Array(readFileSync(file)));
  }

  async dropFile(name: string): Promise<void> {
    this.db.dropFile(name);
  }

  async insertArrowIPC(table: string, ipc: Uint8Array, create: boolean): Promise<void> {
    this.conn.insertArrowFromIPCStream(ipc, { name: table, create });
  }

  async cancel(): Promise<boolean> {
    return false;
  }

  close(): void {
    this.conn.close();
    this.db.reset();
  }
}
