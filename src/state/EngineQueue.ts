import type { Engine } from '../engine/types';

interface Job {
  work: (engine: Engine) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  /** A background job cancelled to let user work in: it runs again later. */
  preempted?: boolean;
}

/** How long the engine must have been idle before background work starts. */
export const BACKGROUND_GRACE_MS = 250;

/**
 * One turn on the engine at a time, so cells, loads and renames never interleave on the
 * connection. Work the user asked for runs in order; background work (the data-quality
 * checks) runs only when no user work is waiting and none has finished in the last
 * `BACKGROUND_GRACE_MS` — an action is often several turns in a row, and a check slipping
 * in between them would delay what the user is watching. When user work arrives while a
 * background turn runs, DuckDB is asked to cancel that turn, which runs again later from the
 * start: a check on a large table never makes the user wait for it. Background turns run
 * through the engine's `cancellable`, so the cancel takes effect at once.
 */
export class EngineQueue {
  readonly #foreground: Job[] = [];
  readonly #background: Job[] = [];
  #current: { job: Job; foreground: boolean; engine?: Engine } | null = null;
  #lastForeground = -Infinity;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly engine: () => Promise<Engine>,
    private readonly graceMs = BACKGROUND_GRACE_MS,
  ) {}

  /** Runs `work` after the user work queued before it. */
  run<T>(work: (engine: Engine) => Promise<T>): Promise<T> {
    const current = this.#current;
    if (current && !current.foreground && current.engine && !current.job.preempted) {
      current.job.preempted = true;
      current.engine.cancel().catch(() => false);
    }
    return this.#enqueue(this.#foreground, work);
  }

  /**
   * Runs `work` when the engine is idle; user work queued later still goes first. With `first`,
   * ahead of the background work already waiting.
   */
  background<T>(work: (engine: Engine) => Promise<T>, { first = false } = {}): Promise<T> {
    return this.#enqueue(this.#background, work, first);
  }

  #enqueue<T>(list: Job[], work: (engine: Engine) => Promise<T>, first = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job = { work, resolve: resolve as (value: unknown) => void, reject };
      if (first) list.unshift(job);
      else list.push(job);
      this.#next();
    });
  }

  #next(): void {
    if (this.#current) return;
    const user = this.#foreground.shift();
    if (user) return void this.#turn(user, true);
    if (this.#background.length === 0) return;
    const wait = this.#lastForeground + this.graceMs - performance.now();
    if (wait > 0) {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#next(), wait);
      return;
    }
    void this.#turn(this.#background.shift()!, false);
  }

  async #turn(job: Job, foreground: boolean): Promise<void> {
    const current: { job: Job; foreground: boolean; engine?: Engine } = { job, foreground };
    this.#current = current;
    try {
      const engine = (current.engine = await this.engine());
      const work = () => job.work(engine);
      job.resolve(await (foreground || !engine.cancellable ? work() : engine.cancellable(work)));
    } catch (e) {
      if (job.preempted) {
        job.preempted = false;
        this.#background.unshift(job);
      } else {
        job.reject(e);
      }
    } finally {
      if (foreground) this.#lastForeground = performance.now();
      this.#current = null;
      this.#next();
    }
  }
}
