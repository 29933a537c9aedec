import type { Lang } from '../domain/labels';
import type { Cell, Notebook, TableSource } from '../model/notebook';
import { exampleSourceKey, lastRunKey, lastRunKeySource } from './last-run-key';
import {
  decodeSnapshot,
  encodeSnapshot,
  encodedSnapshotOf,
  type CellSnapshot,
  type EncodedSnapshot,
  type QuadrantSnapshot,
} from './last-run-snapshot';
import type { LangState } from './LangState.svelte';
import type { NotebookState } from './NotebookState.svelte';
import type { OutputsBackend } from './persist/outputs-backend';

/** All kept outputs together stay under this many bytes; the oldest written go first. */
export const OUTPUTS_BUDGET = 4 * 1024 * 1024;

/** The example notebook's outputs in one language, shipped with the app, by cell index. */
export interface ShippedOutputs {
  /** `exampleSourceKey` of the cells they were made from. */
  source: string;
  cells: { index: number; snapshot: unknown }[];
}

export interface LastRunContext {
  notebook: NotebookState;
  lang: LangState;
  /** What identifies a table's data (its stored file, the sample of this version); none: unknown. */
  fingerprint: (table: TableSource) => string | undefined;
  /** Opens the store of outputs (IndexedDB); absent or rejecting: nothing is kept. */
  open?: () => Promise<OutputsBackend>;
  /** The example's outputs made ahead (`src/model/example-outputs/<lang>.json`). */
  shipped?: (lang: Lang) => Promise<ShippedOutputs>;
}

const shows = (cell: Cell) => cell.kind === 'sql' || cell.kind === 'preset';

/**
 * A cell's last outputs: kept after each successful run under the digest of what produced it,
 * and shown at once when a notebook opens, marked as from the last run (`CellRun.lastRun`) until
 * the engine has run the cell again. A changed cell, table or setting gives another digest, so an
 * output is never shown for what did not produce it.
 */
export class LastRunOutputs {
  #backend: Promise<OutputsBackend | null> | null = null;
  /** The quadrant each value × loyalty cell last drew, for the run (`made`) it drew. */
  #quadrants = new Map<string, { made: number | undefined; snapshot: QuadrantSnapshot }>();
  /** The key of each cell's last recorded run, for the quadrant drawn after it. */
  #keys = new Map<string, string>();
  #pruning = false;
  /** Writes waiting for the page to be idle: per cell, its key and the run (`made`) to keep. */
  #pending = new Map<string, { key: string; made: number | undefined }>();
  #flushing: Promise<void> | null = null;
  /** The quadrants shown from the last run: thousands of points, kept out of reactive state. */
  #shown = new Map<string, QuadrantSnapshot>();

  constructor(private readonly ctx: LastRunContext) {}

  #store(): Promise<OutputsBackend | null> {
    this.#backend ??= this.ctx.open ? this.ctx.open().catch(() => null) : Promise.resolve(null);
    return this.#backend;
  }

  /** The key of what would produce the cell's output now; null when it cannot be told. */
  keyOf(id: string): Promise<string | null> {
    const nb = $state.snapshot(this.ctx.notebook.notebook) as Notebook;
    const source = lastRunKeySource(nb, id, this.ctx.lang.lang, this.ctx.fingerprint);
    return source === null ? Promise.resolve(null) : lastRunKey(source);
  }

  /** Shows the kept outputs of the open notebook's cells that have not run yet. */
  async show(): Promise<void> {
    const state = this.ctx.notebook;
    const nb = state.notebook;
    if (nb.review) return;
    const store = await this.#store();
    if (!store) return;
    await Promise.all(
      nb.cells.filter(shows).map(async (cell) => {
        const key = await this.keyOf(cell.id);
        const kept = key ? await store.get(key).catch(() => undefined) : undefined;
        if (kept && state.notebook === nb) this.#apply(cell.id, decodeSnapshot(kept.snapshot));
      }),
    );
  }

  /**
   * The example's shipped outputs for `nb` (an example notebook just made), by cell id; null
   * when there are none for its language or they were made from other cells.
   */
  async shippedFor(nb: Notebook): Promise<Map<string, CellSnapshot> | null> {
    const entry = await this.ctx.shipped?.(this.ctx.lang.lang).catch(() => null);
    if (!entry || entry.source !== (await exampleSourceKey(nb.cells))) return null;
    const out = new Map<string, CellSnapshot>();
    for (const { index, snapshot } of entry.cells) {
      const cell = nb.cells[index];
      if (cell) out.set(cell.id, decodeSnapshot(snapshot));
    }
    return out;
  }

  /** Shows outputs (from `shippedFor`) on the open notebook's cells that have not run yet. */
  showAll(snapshots: Map<string, CellSnapshot>): void {
    for (const [id, snapshot] of snapshots) this.#apply(id, snapshot);
  }

  #apply(id: string, snapshot: CellSnapshot): void {
    const run = this.ctx.notebook.runs[id];
    if (run?.result || (run && run.status !== 'idle' && run.status !== 'running')) return;
    if (snapshot.quadrant) this.#shown.set(id, snapshot.quadrant);
    else this.#shown.delete(id);
    this.ctx.notebook.setRun(id, {
      status: run?.status ?? 'idle',
      result: snapshot.result,
      lastRun: true,
    });
  }

  /** The quadrant kept from the last run of a cell that shows its last run's outputs. */
  keptQuadrant(id: string): QuadrantSnapshot | undefined {
    return this.ctx.notebook.runs[id]?.lastRun ? this.#shown.get(id) : undefined;
  }

  /**
   * Outputs still shown from the last run once the notebook has run (its cells could not run:
   * the notebook went back under review) are taken away: they were never confirmed.
   */
  dropUnconfirmed(): void {
    const runs = this.ctx.notebook.runs;
    for (const [id, run] of Object.entries(runs)) {
      if (run.lastRun && run.status !== 'running') delete runs[id];
    }
  }

  /** The value × loyalty quadrant DuckDB gave for a cell's current result, as drawn. */
  quadrantDrawn(id: string, snapshot: QuadrantSnapshot): void {
    const run = this.ctx.notebook.runs[id];
    this.#quadrants.set(id, { made: run?.made, snapshot });
    const key = this.#keys.get(id);
    if (key && run?.status === 'done') void this.#queue(id, key);
  }

  /** A cell ran successfully: its outputs are kept under `key`, taken before it ran. */
  async recorded(id: string, key: Promise<string | null>): Promise<void> {
    const k = await key;
    if (!k) return;
    this.#keys.set(id, k);
    await this.#queue(id, k);
  }

  /**
   * Keeps the cell's outputs on the next turn; a cell queued again before then is written once,
   * and not at all if it ran again since. (Not when idle: a write waiting for idle time landed in
   * the middle of the user's next action, such as opening a notebook.)
   */
  #queue(id: string, key: string): Promise<void> {
    this.#pending.set(id, { key, made: this.ctx.notebook.runs[id]?.made });
    this.#flushing ??= Promise.resolve().then(async () => {
      const batch = [...this.#pending];
      this.#pending.clear();
      this.#flushing = null;
      for (const [cell, { key: k, made }] of batch) {
        if (this.ctx.notebook.runs[cell]?.made === made) await this.#write(cell, k);
      }
    });
    return this.#flushing;
  }

  /** A cell's run failed: what was kept for the same inputs is not shown again. */
  async failed(id: string, key: Promise<string | null>): Promise<void> {
    const k = await key;
    if (!k || this.ctx.notebook.runs[id]?.status !== 'error') return;
    await (await this.#store())?.delete([k]).catch(() => {});
  }

  /** Deletes every kept output: they were worked out from data the user asked to forget. */
  async forget(): Promise<void> {
    const store = await this.#store();
    if (!store) return;
    await store
      .list()
      .then((all) => store.delete(all.map((o) => o.key)))
      .catch(() => {});
  }

  /** The open notebook's outputs, as shipped for the example (scripts/example-outputs). */
  async shippedEntry(): Promise<ShippedOutputs> {
    const nb = $state.snapshot(this.ctx.notebook.notebook) as Notebook;
    const cells = nb.cells.flatMap((cell, index) => {
      const snapshot = this.#snapshot(cell.id);
      return snapshot ? [{ index, snapshot: encodeSnapshot(snapshot) }] : [];
    });
    return { source: await exampleSourceKey(nb.cells), cells };
  }

  #snapshot(id: string): CellSnapshot | null {
    return this.#encoded(id)?.snapshot ?? null;
  }

  /** Reads only what is kept of the run (never a segmentation's customers), encoded once. */
  #encoded(id: string): EncodedSnapshot | null {
    const cell = this.ctx.notebook.cell(id);
    const run = this.ctx.notebook.runs[id];
    if (!cell || !shows(cell) || !run || run.lastRun) return null;
    const q = this.#quadrants.get(id);
    const quadrant = q && q.made === run.made ? q.snapshot : undefined;
    return encodedSnapshotOf($state.snapshot(cell) as Cell, run, quadrant);
  }

  async #write(id: string, key: string): Promise<void> {
    const encoded = this.#encoded(id);
    const store = encoded && (await this.#store());
    if (!encoded || !store) return;
    const { value, size } = encoded;
    await store.put({ key, savedAt: Date.now(), size, snapshot: value }).catch(() => {});
    await this.#prune(store);
  }

  async #prune(store: OutputsBackend): Promise<void> {
    if (this.#pruning) return;
    this.#pruning = true;
    try {
      const all = (await store.list()).sort((a, b) => b.savedAt - a.savedAt);
      let total = 0;
      const gone = all.filter((o) => (total += o.size) > OUTPUTS_BUDGET).map((o) => o.key);
      if (gone.length > 0) await store.delete(gone);
    } catch {
      // Pruned on the next write.
    } finally {
      this.#pruning = false;
    }
  }
}
