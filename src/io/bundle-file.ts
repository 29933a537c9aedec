import { strFromU8, strToU8, unzipSync, zipSync, type UnzipFileInfo, type Zippable } from 'fflate';
import type { Notebook } from '../model/notebook';
import { NotebookFileError, parseNotebook, serializeNotebook } from './notebook-file';
import { NOTEBOOK_LIMITS } from '../model/notebook-limits';
import { checkTableName } from '../model/table-name';

export const BUNDLE_FORMAT = 'seglab-bundle';
export const BUNDLE_VERSION = 1;

/** One table in a bundle: the table as loaded (before cleaning steps), as Parquet. */
export interface BundleTable {
  table: string;
  rows: number;
  parquet: Uint8Array;
}

/**
 * A results-only bundle's stand-in for its input tables: the per-customer features table every
 * segmentation reads, as built where the notebook ran (`seglab run`), with what it was built for.
 */
export interface BundleFeatures {
  rows: number;
  parquet: Uint8Array;
  /** The analysis date the features were built for (YYYY-MM-DD). */
  asOf: string;
  /** The churn threshold the orders gave at that date (`sql/churn-days.ts`), if derived. */
  churn: { days: number | null; gaps: number; shorterShare: number | null } | null;
  /** The predictions table joined into the features, if a Predict cell ran. */
  predictions: string | null;
}

export interface Bundle {
  notebook: Notebook;
  tables: BundleTable[];
  /** Results-only bundles: the features in place of the tables (which are then left out). */
  features?: BundleFeatures;
  /** The SegLab version that wrote it, e.g. `SegLab 0.1.0`. */
  createdWith: string;
}

interface ManifestTable {
  table: string;
  file: string;
  rows: number;
}

type ManifestFeatures = Omit<BundleFeatures, 'parquet'> & { file: string };

const FEATURES_ENTRY = 'results/customer_features.parquet';

export class BundleError extends Error {
  constructor(
    readonly code: 'not-bundle' | 'newer-version' | 'damaged' | 'too-big' | 'bad-name',
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
 * A `.seglab` file: a ZIP holding `manifest.json` ({format, version, createdWith, tables,
 * features?}), `notebook.json` (the notebook file), `tables/<name>.parquet` and, in a
 * results-only bundle, `results/customer_features.parquet`. Parquet is compressed already, so it
 * is stored as is. An app that predates `features` opens a results-only bundle as a notebook
 * whose files are missing.
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
  let features: ManifestFeatures | undefined;
  if (bundle.features) {
    const { parquet, ...rest } = bundle.features;
    features = { file: FEATURES_ENTRY, ...rest };
    files[FEATURES_ENTRY] = [parquet, { level: 0 }];
  }
  const manifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdWith: bundle.createdWith,
    tables,
    ...(features ? { features } : {}),
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

/**
 * Uncompressed bytes a bundle may declare for the entries it uses, unless the caller (which
 * knows the memory left) allows less. Entries it does not use are never inflated.
 */
export const BUNDLE_MAX_BYTES = 2 * 1024 ** 3;
const MANIFEST_MAX_BYTES = 1024 ** 2;
/** UTF-8 takes at most 3 bytes for a character of the notebook's JSON. */
const NOTEBOOK_MAX_BYTES = NOTEBOOK_LIMITS.total * 3;

const MIB = 1024 ** 2;
const sizeText = (bytes: number) =>
  bytes >= 1024 * MIB ? `${(bytes / (1024 * MIB)).toFixed(1)} GB` : `${Math.ceil(bytes / MIB)} MB`;

/** The archive's entries as its central directory declares them; nothing is inflated. */
function directory(bytes: Uint8Array): UnzipFileInfo[] {
  const entries: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries.push(f);
        return false;
      },
    });
  } catch {
    throw new BundleError('not-bundle', 'not a ZIP file');
  }
  return entries;
}

/** Sum of the declared uncompressed sizes of the entries called `name` (a ZIP may repeat one). */
function declared(entries: UnzipFileInfo[], name: string): number {
  return entries.filter((e) => e.name === name).reduce((sum, e) => sum + e.originalSize, 0);
}

/** Inflates only the named entries; fflate never writes past an entry's declared size. */
function inflate(bytes: Uint8Array, names: Set<string>): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, { filter: (f) => names.has(f.name) });
  } catch (e) {
    throw new BundleError('damaged', `an entry cannot be read (${(e as Error).message})`);
  }
}

function json(bytes: Uint8Array | undefined, what: string): unknown {
  if (!bytes) throw new BundleError('damaged', `${what} is missing`);
  try {
    return JSON.parse(strFromU8(bytes), (key, value: unknown) => {
      if (key === '__proto__') throw new BundleError('damaged', `${what} has a "__proto__" key`);
      return value;
    });
  } catch (e) {
    if (e instanceof BundleError) throw e;
    throw new BundleError('damaged', `${what} is not valid JSON`);
  }
}

function manifestTables(v: unknown): ManifestTable[] {
  if (!Array.isArray(v)) throw new BundleError('damaged', 'the manifest lists no tables');
  if (v.length > NOTEBOOK_LIMITS.tables) {
    throw new BundleError('too-big', `the manifest lists ${v.length} tables`);
  }
  const seen = new Set<string>();
  return v.map((t) => {
    if (!isObject(t) || typeof t.table !== 'string' || typeof t.file !== 'string') {
      throw new BundleError('damaged', 'a table entry of the manifest is damaged');
    }
    const problem = checkTableName(t.table);
    const shown = t.table.length > 40 ? `${t.table.slice(0, 40)}…` : t.table;
    if (problem === 'empty') throw new BundleError('bad-name', 'a table has an empty name');
    if (problem === 'too-long') {
      throw new BundleError(
        'bad-name',
        `table "${shown}" has ${t.table.length} characters (at most 63)`,
      );
    }
    if (problem === 'reserved') {
      throw new BundleError('bad-name', `table "${shown}" has a name SegLab or DuckDB uses itself`);
    }
    if (seen.has(t.table.toLowerCase())) {
      throw new BundleError('bad-name', `table "${shown}" is listed twice`);
    }
    seen.add(t.table.toLowerCase());
    return { table: t.table, file: t.file, rows: typeof t.rows === 'number' ? t.rows : 0 };
  });
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const orNull = (v: unknown, ok: (x: unknown) => boolean) => v === null || ok(v);

function manifestFeatures(v: unknown): ManifestFeatures | undefined {
  if (v === undefined) return undefined;
  const bad = () => new BundleError('damaged', 'the features entry of the manifest is damaged');
  if (!isObject(v) || v.file !== FEATURES_ENTRY || !isCount(v.rows)) throw bad();
  if (typeof v.asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.asOf)) throw bad();
  if (!orNull(v.predictions, (p) => typeof p === 'string' && checkTableName(p) !== 'empty')) {
    throw bad();
  }
  const c = v.churn;
  if (
    c !== null &&
    (!isObject(c) ||
      !isCount(c.gaps) ||
      !orNull(c.days, isCount) ||
      !orNull(c.shorterShare, (x) => isCount(x) && x <= 1))
  ) {
    throw bad();
  }
  const churn = c && {
    days: c.days as number | null,
    gaps: c.gaps as number,
    shorterShare: c.shorterShare as number | null,
  };
  return {
    file: v.file,
    rows: v.rows,
    asOf: v.asOf,
    churn,
    predictions: v.predictions as string | null,
  };
}

/**
 * Reads a `.seglab` file; throws BundleError saying whether it is not one, newer, damaged, too
 * big or names a table badly. The central directory is read first: entries are refused by the
 * sizes they declare before any is inflated, and only the manifest, the notebook and the tables
 * the manifest lists are inflated, at most `maxBytes` of them together.
 */
export function readBundle(bytes: Uint8Array, maxBytes = BUNDLE_MAX_BYTES): Bundle {
  const entries = directory(bytes);
  if (!entries.some((e) => e.name === 'manifest.json')) {
    throw new BundleError('not-bundle', 'no manifest.json');
  }
  const manifestSize = declared(entries, 'manifest.json');
  if (manifestSize > MANIFEST_MAX_BYTES) {
    throw new BundleError('too-big', `manifest.json declares ${sizeText(manifestSize)}`);
  }
  const head = inflate(bytes, new Set(['manifest.json']));
  const manifest = json(head['manifest.json'], 'manifest.json');
  if (!isObject(manifest) || manifest.format !== BUNDLE_FORMAT) {
    throw new BundleError('not-bundle', `no "format": "${BUNDLE_FORMAT}"`);
  }
  if (typeof manifest.version !== 'number' || manifest.version > BUNDLE_VERSION) {
    const by = typeof manifest.createdWith === 'string' ? ` (${manifest.createdWith})` : '';
    throw new BundleError('newer-version', `version ${String(manifest.version)}${by}`);
  }
  const listed = manifestTables(manifest.tables);
  const notebookSize = declared(entries, 'notebook.json');
  if (notebookSize > NOTEBOOK_MAX_BYTES) {
    throw new BundleError('too-big', `notebook.json declares ${sizeText(notebookSize)}`);
  }
  const features = manifestFeatures(manifest.features);
  const used = new Set([
    'notebook.json',
    ...listed.map((t) => t.file),
    ...(features ? [features.file] : []),
  ]);
  const total = [...used].reduce((sum, name) => sum + declared(entries, name), 0);
  if (total > maxBytes) {
    throw new BundleError(
      'too-big',
      `its tables declare ${sizeText(total)} uncompressed; at most ${sizeText(maxBytes)} can be opened here`,
    );
  }
  const files = inflate(bytes, used);
  let notebook: Notebook;
  try {
    notebook = parseNotebook(strFromU8(files['notebook.json'] ?? new Uint8Array()));
  } catch (e) {
    const code = e instanceof NotebookFileError && e.code === 'newer-version' ? e.code : 'damaged';
    throw new BundleError(code, `notebook.json: ${(e as Error).message}`);
  }
  const tables = listed.map((t) => {
    const parquet = files[t.file];
    if (!parquet) throw new BundleError('damaged', `${t.file} is missing`);
    return { table: t.table, rows: t.rows, parquet };
  });
  const createdWith = typeof manifest.createdWith === 'string' ? manifest.createdWith : '';
  if (!features) return { notebook, tables, createdWith };
  const { file, ...rest } = features;
  const parquet = files[file];
  if (!parquet) throw new BundleError('damaged', `${file} is missing`);
  return { notebook, tables, createdWith, features: { ...rest, parquet } };
}
