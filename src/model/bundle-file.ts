import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { Notebook } from './notebook';
import { NotebookFileError, parseNotebook, serializeNotebook } from './notebook-file';

export const BUNDLE_FORMAT = 'seglab-bundle';
export const BUNDLE_VERSION = 1;

/** One table in a bundle: the table as loaded (before cleaning steps), as Parquet. */
export interface BundleTable {
  table: string;
  rows: number;
  parquet: Uint8Array;
}

export interface Bundle {
  notebook: Notebook;
  tables: BundleTable[];
  /** The SegLab version that wrote it, e.g. `SegLab 0.1.0`. */
  createdWith: string;
}

interface ManifestTable {
  table: string;
  file: string;
  rows: number;
}

export class BundleError extends Error {
  constructor(
    readonly code: 'not-bundle' | 'newer-version' | 'damaged',
    detail: string,
  ) {
    super(detail);
  }
}

/** A ZIP entry name for a table: its name, with characters a file system may refuse replaced. */
function entryName(table: string, taken: Set<string>): string {
  const stem =
    [...table].map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('') || 'table';
  let name = `tables/${stem}.parquet`;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `tables/${stem}_${i}.parquet`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * A `.seglab` file: a ZIP holding `manifest.json` ({format, version, createdWith, tables}),
 * `notebook.json` (the notebook file) and `tables/<name>.parquet`. Parquet is compressed
 * already, so it is stored as is.
 */
export function writeBundle(bundle: Bundle): Uint8Array {
  const taken = new Set<string>();
  const tables: ManifestTable[] = [];
  const files: Zippable = {};
  for (const t of bundle.tables) {
    const file = entryName(t.table, taken);
    tables.push({ table: t.table, file, rows: t.rows });
    files[file] = [t.parquet, { level: 0 }];
  }
  const manifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdWith: bundle.createdWith,
    tables,
  };
  return zipSync({
    'manifest.json': strToU8(JSON.stringify(manifest, null, 2)),
    'notebook.json': strToU8(serializeNotebook(bundle.notebook)),
    ...files,
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function json(bytes: Uint8Array | undefined, what: string): unknown {
  if (!bytes) throw new BundleError('damaged', `${what} is missing`);
  try {
    return JSON.parse(strFromU8(bytes));
  } catch {
    throw new BundleError('damaged', `${what} is not valid JSON`);
  }
}

function manifestTables(v: unknown): ManifestTable[] {
  if (!Array.isArray(v)) throw new BundleError('damaged', 'the manifest lists no tables');
  return v.map((t) => {
    if (!isObject(t) || typeof t.table !== 'string' || typeof t.file !== 'string') {
      throw new BundleError('damaged', 'a table entry of the manifest is damaged');
    }
    return { table: t.table, file: t.file, rows: typeof t.rows === 'number' ? t.rows : 0 };
  });
}

/** Reads a `.seglab` file; throws BundleError saying whether it is not one, newer or damaged. */
export function readBundle(bytes: Uint8Array): Bundle {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    throw new BundleError('not-bundle', 'not a ZIP file');
  }
  if (!entries['manifest.json']) throw new BundleError('not-bundle', 'no manifest.json');
  const manifest = json(entries['manifest.json'], 'manifest.json');
  if (!isObject(manifest) || manifest.format !== BUNDLE_FORMAT) {
    throw new BundleError('not-bundle', `no "format": "${BUNDLE_FORMAT}"`);
  }
  if (typeof manifest.version !== 'number' || manifest.version > BUNDLE_VERSION) {
    const by = typeof manifest.createdWith === 'string' ? ` (${manifest.createdWith})` : '';
    throw new BundleError('newer-version', `version ${String(manifest.version)}${by}`);
  }
  let notebook: Notebook;
  try {
    notebook = parseNotebook(strFromU8(entries['notebook.json'] ?? new Uint8Array()));
  } catch (e) {
    const code = e instanceof NotebookFileError && e.code === 'newer-version' ? e.code : 'damaged';
    throw new BundleError(code, `notebook.json: ${(e as Error).message}`);
  }
  const tables = manifestTables(manifest.tables).map((t) => {
    const parquet = entries[t.file];
    if (!parquet) throw new BundleError('damaged', `${t.file} is missing`);
    return { table: t.table, rows: t.rows, parquet };
  });
  const createdWith = typeof manifest.createdWith === 'string' ? manifest.createdWith : '';
  return { notebook, tables, createdWith };
}
