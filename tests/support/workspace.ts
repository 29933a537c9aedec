import { readFileSync } from 'node:fs';
import path from 'node:path';
import { predictRequest } from '../../src/model/clv/predict-request';
import { Workspace } from '../../src/state/Workspace.svelte';
import type { ShippedOutputs } from '../../src/state/LastRunOutputs.svelte';
import type { LocalBackend } from '../../src/state/persist/local-backend';
import type { OutputsBackend, StoredOutput } from '../../src/state/persist/outputs-backend';
import type { Locks } from '../../src/state/TabLock.svelte';
import { NodeEngine } from './node-engine';

/** localStorage in memory. */
export class MemoryStorage implements Storage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.#items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
}

const ROOT = path.join(__dirname, '../..');

/**
 * A Workspace wired as main.ts wires it, on DuckDB-WASM in Node: the sample is read from
 * `sample-data/`, storage and the file store are in memory unless given.
 */
export function nodeWorkspace(
  options: {
    storage?: Storage;
    backend?: LocalBackend | null;
    lang?: string;
    locks?: Locks;
    /** Waited for before each model fit: lets a test act while a Predict cell runs. */
    beforeFit?: () => Promise<void>;
    /**
     * Bytes given to DuckDB are taken, as in the browser: duckdb-wasm's AsyncDuckDB posts the
     * buffer of `registerFileBuffer` to its worker in the transfer list, which detaches it here.
     */
    transfer?: boolean;
    /** The store of cells' last outputs and the example's shipped outputs (none unless given). */
    outputs?: OutputsBackend;
    exampleOutputs?: ShippedOutputs;
    /** Waited for before the engine is handed over: lets a test look at the page before it. */
    engineReady?: Promise<void>;
  } = {},
): {
  ws: Workspace;
  engines: NodeEngine[];
  /** Whether work was waiting for the last engine started (what its warm-up is asked). */
  wanted: () => boolean | undefined;
  close(): void;
} {
  const engines: NodeEngine[] = [];
  let wanted: (() => boolean) | undefined;
  const backend = options.backend;
  const ws = new Workspace({
    startEngine: async (_progress, _queryProgress, waiting) => {
      wanted = waiting;
      const e = await NodeEngine.start();
      await options.engineReady;
      if (options.transfer) {
        const register = e.registerFile.bind(e);
        e.registerFile = (name, data) =>
          register(
            name,
            data instanceof Uint8Array ? structuredClone(data, { transfer: [data.buffer] }) : data,
          );
      }
      engines.push(e);
      return Object.assign(e, { terminate: async () => e.close() });
    },
    storage: options.storage ?? new MemoryStorage(),
    browserLangs: [options.lang ?? 'en'],
    fetchFile: async (url) =>
      new Uint8Array(readFileSync(path.join(ROOT, 'sample-data', path.basename(url)))),
    ...(backend ? { openStore: async () => backend } : {}),
    ...(options.outputs ? { openOutputs: async () => options.outputs! } : {}),
    ...(options.exampleOutputs ? { exampleOutputs: async () => options.exampleOutputs! } : {}),
    ...(options.locks ? { locks: options.locks } : {}),
    // Node has no Web Worker: the same model code fits in line.
    fitModels: async (request, onProgress) => {
      await options.beforeFit?.();
      return predictRequest(request, onProgress);
    },
  });
  return {
    ws,
    engines,
    wanted: () => wanted?.(),
    close: () => {
      ws.tab.release();
      engines.forEach((e) => e.close());
    },
  };
}

/** The store of cells' last outputs, in memory. */
export class MemoryOutputs implements OutputsBackend {
  readonly items = new Map<string, StoredOutput>();
  async get(key: string) {
    return structuredClone(this.items.get(key));
  }
  async put(output: StoredOutput) {
    this.items.set(output.key, structuredClone(output));
  }
  async list() {
    return [...this.items.values()].map(({ key, savedAt, size }) => ({ key, savedAt, size }));
  }
  async delete(keys: readonly string[]) {
    keys.forEach((k) => this.items.delete(k));
  }
}
