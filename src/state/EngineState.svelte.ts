import type { Engine, EngineProgress } from '../engine/types';

export type EngineStarter = (
  onProgress: (p: EngineProgress) => void,
  onQueryProgress: (percentage: number) => void,
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

  constructor(private readonly starter: EngineStarter) {}

  /** The engine; the first call starts it, later calls share the same promise. */
  get(): Promise<Engine> {
    this.#engine ??= this.starter(
      (p) => (this.progress = p),
      (pct) => (this.queryProgress = pct),
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
