import type { Engine, EngineProgress } from '../engine/types';

export type EngineStarter = (
  onProgress: (p: EngineProgress) => void,
  onQueryProgress: (percentage: number) => void,
  /**
   * True once work waits for the engine: its start can then leave out what only speeds up
   * later work (the warm-up, state/warm-up-pipeline.ts), since that work is here now.
   */
  wanted: () => boolean,
) => Promise<Engine>;

/** Starts the engine once, lazily, and tells the UI how far along it is. */
export class EngineState {
  progress = $state<EngineProgress>({ phase: 'idle', bytesLoaded: 0, bytesTotal: 0 });
  /** Progress (0-100) DuckDB reports for the statement running now, if it reports any. */
  queryProgress = $state<number | null>(null);
  error = $state<string | null>(null);
  /** How many times the engine was restarted, e.g. after running out of memory. */
  restarts = $state(0);
  #engine: Promise<Engine> | null = null;
  /** Whether anything has asked for the engine to work on it (`get`). */
  #wanted = false;

  constructor(private readonly starter: EngineStarter) {}

  /** Starts the engine ahead of need, e.g. while the user is still choosing a file. */
  start(): void {
    this.#started().catch(() => {});
  }

  /**
   * The engine once it has started, for those that only wait for it (e.g. to learn its bundle):
   * unlike `get`, this does not count as work waiting for it.
   */
  started(): Promise<Engine> {
    return this.#started();
  }

  /** The engine, for work to run on; the first call starts it, later calls share one promise. */
  get(): Promise<Engine> {
    this.#wanted = true;
    return this.#started();
  }

  #started(): Promise<Engine> {
    this.#engine ??= this.starter(
      (p) => (this.progress = p),
      (pct) => (this.queryProgress = pct),
      () => this.#wanted,
    ).catch((e: unknown) => {
      this.#engine = null;
      this.error = e instanceof Error ? e.message : String(e);
      this.progress = { ...this.progress, phase: 'failed' };
      throw e;
    });
    return this.#engine;
  }

  /**
   * Stops the engine and starts a fresh one: the way back after DuckDB ran out of memory (WASM
   * memory never shrinks, so only a new worker returns it). Every table is gone afterwards.
   */
  async restart(): Promise<Engine> {
    const old = this.#engine;
    this.#engine = null;
    this.queryProgress = null;
    if (old) await old.then((e) => e.terminate?.()).catch(() => {});
    this.restarts++;
    return this.get();
  }
}
