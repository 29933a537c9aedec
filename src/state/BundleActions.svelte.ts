import type { Engine } from '../engine/types';
import { rawTableName } from '../sql/cleaning';
import { formatBytes, memoryBudget, readMemoryEnvironment } from '../ingest/memory-estimate';
import type { FileInput } from '../ingest/prepare-file';
import { CREATED_WITH } from '../io/app-version';
import type { Bundle, BundleTable } from '../io/bundle-file';
import { errorText } from '../model/error-text';
import type { Notebook } from '../model/notebook';
import type { CatalogState } from './CatalogState.svelte';
import type { LangState } from './LangState.svelte';
import type { NoticeKind } from './load-notices';
import type { NotebookState } from './NotebookState.svelte';
import type { BundleResults } from './NotebookOpener.svelte';

export interface BundleContext {
  notebook: NotebookState;
  catalog: CatalogState;
  lang: LangState;
  exclusive: <T>(work: (engine: Engine) => Promise<T>) => Promise<T>;
  notify: (kind: NoticeKind, text: string) => void;
  /**
   * Opens a notebook with files for some of its tables (then loads the sample and runs it), and
   * with a results-only bundle's features.
   */
  open: (
    notebook: Notebook,
    files: Map<string, FileInput>,
    results?: BundleResults,
  ) => Promise<void>;
}

/**
 * `.seglab` bundles: the notebook and its data in one file for a colleague. Tables read from the
 * user's files travel as Parquet, as loaded (cleaning steps are in the notebook and are applied
 * again on open); the sample comes with the app.
 */
export class BundleActions {
  busy = $state<'export' | 'open' | null>(null);

  constructor(private readonly ctx: BundleContext) {}

  /** The bundle of the open notebook, or null (after telling the user) when it failed. */
  async exportBundle(): Promise<Uint8Array | null> {
    const { t, lang } = this.ctx.lang;
    const notebook = $state.snapshot(this.ctx.notebook.notebook) as Notebook;
    const sources = notebook.tables.filter((s) => s.origin === 'file');
    const loaded = sources.filter((s) => this.ctx.catalog.has(s.table));
    const skipped = sources.filter((s) => !this.ctx.catalog.has(s.table)).map((s) => s.table);
    this.busy = 'export';
    try {
      // Loaded on first use: the Parquet writer stays out of the first screen's bundle.
      const [{ writeBundle }, { tableToParquet }] = await Promise.all([
        import('../io/bundle-file'),
        import('./table-to-parquet'),
      ]);
      const tables: BundleTable[] = [];
      for (const { table } of loaded) {
        const raw = rawTableName(table);
        const stored = this.ctx.catalog.has(raw) ? raw : table;
        const written = await this.ctx.exclusive((engine) => tableToParquet(engine, stored));
        tables.push({ table, ...written });
      }
      const bytes = writeBundle({ notebook, tables, createdWith: CREATED_WITH });
      const size = formatBytes(bytes.byteLength);
      this.ctx.notify('info', t('bundle.exported', { tables: tables.length, size }));
      if (skipped.length > 0) {
        this.ctx.notify('warning', t('bundle.skipped', { tables: skipped.join(', ') }));
      }
      return bytes;
    } catch (e) {
      this.ctx.notify('error', t('bundle.exportFailed', { message: errorText(e, lang) }));
      return null;
    } finally {
      this.busy = null;
    }
  }

  /** Opens a `.seglab` file: its notebook replaces the open one, its tables are loaded. */
  async openBundle(fileName: string, bytes: Uint8Array): Promise<boolean> {
    const { t } = this.ctx.lang;
    const [{ BundleError, BUNDLE_MAX_BYTES }, { readBundleInWorker }] = await Promise.all([
      import('../io/bundle-file'),
      import('./read-bundle-in-worker'),
    ]);
    // The inflated tables are held in the page until DuckDB has them: they must fit there.
    const free = memoryBudget(readMemoryEnvironment(globalThis), 0).js;
    let bundle: Bundle;
    try {
      bundle = await readBundleInWorker(bytes, Math.min(BUNDLE_MAX_BYTES, free));
    } catch (e) {
      const code = e instanceof BundleError ? e.code : 'damaged';
      const detail = e instanceof Error ? e.message : String(e);
      const reason = t(`bundle.openError.${code}`, { detail });
      this.ctx.notify('error', t('bundle.openFailed', { file: fileName, reason }));
      return false;
    }
    const { notebook } = bundle;
    // Named after the file each table was first read from, so a link made from this notebook
    // still asks for that file; the format is found from the content.
    const files = new Map<string, FileInput>();
    for (const { table, parquet } of bundle.tables) {
      const name = notebook.tables.find((s) => s.table === table)?.fileName ?? `${table}.parquet`;
      files.set(table, { name, data: parquet });
    }
    this.busy = 'open';
    try {
      const { features } = bundle;
      if (features) {
        const { rows: customers, ...results } = features;
        this.ctx.notify('info', t('bundle.openedResults', { file: fileName, customers }));
        await this.ctx.open(notebook, files, results);
      } else {
        this.ctx.notify('info', t('bundle.opened', { file: fileName, tables: files.size }));
        await this.ctx.open(notebook, files);
      }
    } finally {
      this.busy = null;
    }
    return true;
  }
}
