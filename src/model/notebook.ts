import type { Lang } from './labels';
import type { TableMapping } from './roles';

export interface MarkdownCell {
  id: string;
  kind: 'markdown';
  source: string;
}

export interface SqlCell {
  id: string;
  kind: 'sql';
  source: string;
  /** When set, the cell's result can be queried by later cells under this name (a view). */
  name?: string;
}

/** A segmentation built from a preset's form; its SQL is generated, visible and editable. */
export interface PresetCell {
  id: string;
  kind: 'preset';
  presetId: string;
  /** The preset's parameters (JSON-serialisable). */
  params: Record<string, unknown>;
  /** The result's name: later cells and charts query the segmentation by it. */
  name: string;
  /** The user's strategy text per segment label, overriding the preset's default playbook. */
  strategies: Record<string, string>;
}

export type Cell = MarkdownCell | SqlCell | PresetCell;

/** Cells whose result is a named, queryable relation. */
export type ResultCell = SqlCell | PresetCell;

/** Where a loaded table came from: enough to ask for the file again, never the data itself. */
export interface TableSource {
  table: string;
  fileName: string;
  origin: 'sample' | 'file';
  /** Column names when it was loaded, so a shared notebook can say what it expects. */
  columns: string[];
}

export interface Notebook {
  version: 1;
  title: string;
  cells: Cell[];
  tables: TableSource[];
  mappings: TableMapping[];
  /** Analysis ("as of") date, YYYY-MM-DD; empty means the day after the last order. */
  asOf: string;
  lang?: Lang;
}

let counter = 0;

/** A short id unique within a session; cells keep theirs across save and load. */
export function newCellId(): string {
  counter = (counter + 1) % 1_000_000;
  return `c${Date.now().toString(36)}${counter.toString(36)}`;
}

export function emptyNotebook(title: string): Notebook {
  return { version: 1, title, cells: [], tables: [], mappings: [], asOf: '' };
}
