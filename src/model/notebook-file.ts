import {
  defaultPredictCell,
  type Cell,
  type Notebook,
  type PresetView,
  type TableSource,
} from './notebook';
import { parseStep } from './cleaning-step';
import { INPUT_KINDS, type Inputs } from './inputs';
import { parsePresentation } from './presentation';
import type { TableMapping } from './roles';

export const NOTEBOOK_FILE_VERSION = 1;

export class NotebookFileError extends Error {
  constructor(
    readonly code: 'not-json' | 'not-notebook' | 'newer-version' | 'damaged',
    detail: string,
  ) {
    super(detail);
  }
}

/** The `.seglab.json` text for a notebook: its definition only, never any data. */
export function serializeNotebook(notebook: Notebook): string {
  const file = { format: 'seglab-notebook', ...notebook, version: NOTEBOOK_FILE_VERSION };
  return JSON.stringify(file, null, 2);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringRecord(v: unknown): Record<string, string> {
  if (!isObject(v)) return {};
  return Object.fromEntries(
    Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

function parsePredictCell(v: Record<string, unknown>, i: number): Cell {
  if (typeof v.id !== 'string' || typeof v.name !== 'string') {
    throw new NotebookFileError('damaged', `cell ${i + 1} is a prediction without its settings`);
  }
  const base = defaultPredictCell(v.id, v.name);
  const number = (x: unknown, fallback: number) =>
    typeof x === 'number' && Number.isFinite(x) ? x : fallback;
  return {
    ...base,
    calibrationEnd: typeof v.calibrationEnd === 'string' ? v.calibrationEnd : '',
    unit: v.unit === 'days' ? 'days' : 'weeks',
    horizonMonths: number(v.horizonMonths, base.horizonMonths),
    monthlyDiscountRate: number(v.monthlyDiscountRate, base.monthlyDiscountRate),
    margin: number(v.margin, base.margin),
  };
}

function parseView(v: unknown): PresetView | undefined {
  if (!isObject(v)) return undefined;
  const view: PresetView = {
    ...(typeof v.tab === 'string' ? { tab: v.tab } : {}),
    ...(v.chart === 'donut' || v.chart === 'bar' ? { chart: v.chart } : {}),
    ...(v.scale === 'auto' || v.scale === 'linear' || v.scale === 'log' ? { scale: v.scale } : {}),
  };
  return Object.keys(view).length > 0 ? view : undefined;
}

function parseCell(v: unknown, i: number): Cell {
  if (isObject(v) && v.kind === 'predict') return parsePredictCell(v, i);
  if (isObject(v) && v.kind === 'preset' && typeof v.id === 'string') {
    if (typeof v.presetId !== 'string' || typeof v.name !== 'string' || !isObject(v.params)) {
      throw new NotebookFileError('damaged', `cell ${i + 1} is a preset without its settings`);
    }
    const view = parseView(v.view);
    return {
      id: v.id,
      kind: 'preset',
      presetId: v.presetId,
      params: v.params,
      name: v.name,
      strategies: stringRecord(v.strategies),
      ...(view ? { view } : {}),
    };
  }
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.source !== 'string') {
    throw new NotebookFileError('damaged', `cell ${i + 1} has no id or source`);
  }
  if (v.kind === 'markdown') return { id: v.id, kind: 'markdown', source: v.source };
  if (v.kind === 'sql') {
    const cell: Cell = { id: v.id, kind: 'sql', source: v.source };
    if (typeof v.name === 'string' && v.name !== '') cell.name = v.name;
    return cell;
  }
  throw new NotebookFileError('damaged', `cell ${i + 1} has unknown kind ${String(v.kind)}`);
}

function parseTable(v: unknown): TableSource {
  if (!isObject(v) || typeof v.table !== 'string' || typeof v.fileName !== 'string') {
    throw new NotebookFileError('damaged', 'a table entry has no name or file name');
  }
  const source: TableSource = {
    table: v.table,
    fileName: v.fileName,
    origin: v.origin === 'sample' ? 'sample' : 'file',
    columns: Array.isArray(v.columns) ? v.columns.filter((c) => typeof c === 'string') : [],
  };
  if (isObject(v.choices)) {
    const { encoding, sheet } = v.choices;
    source.choices = {
      ...(typeof encoding === 'string' ? { encoding } : {}),
      ...(typeof sheet === 'string' ? { sheet } : {}),
    };
  }
  if (Array.isArray(v.steps) && v.steps.length > 0) {
    source.steps = v.steps.map((s) => {
      const step = parseStep(s);
      if (!step) throw new NotebookFileError('damaged', `a cleaning step of ${v.table} is damaged`);
      return step;
    });
  }
  return source;
}

function parseInputs(v: unknown): Inputs | undefined {
  if (!isObject(v)) return undefined;
  const inputs: Inputs = {};
  for (const kind of INPUT_KINDS) {
    const choice = v[kind];
    if (typeof choice === 'string' || choice === null) inputs[kind] = choice;
  }
  return Object.keys(inputs).length > 0 ? inputs : undefined;
}

/** Reads a `.seglab.json` text, checking its shape; throws NotebookFileError when it cannot. */
export function parseNotebook(text: string): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new NotebookFileError('not-json', (e as Error).message);
  }
  if (!isObject(raw) || raw.format !== 'seglab-notebook') {
    throw new NotebookFileError('not-notebook', 'no "format": "seglab-notebook" field');
  }
  if (typeof raw.version !== 'number' || raw.version > NOTEBOOK_FILE_VERSION) {
    throw new NotebookFileError('newer-version', `version ${String(raw.version)}`);
  }
  if (!Array.isArray(raw.cells)) throw new NotebookFileError('damaged', 'no cell list');
  const notebook: Notebook = {
    version: 1,
    title: typeof raw.title === 'string' ? raw.title : '',
    cells: raw.cells.map(parseCell),
    tables: Array.isArray(raw.tables) ? raw.tables.map(parseTable) : [],
    mappings: Array.isArray(raw.mappings)
      ? (raw.mappings.filter(isObject) as unknown as TableMapping[])
      : [],
    asOf: typeof raw.asOf === 'string' ? raw.asOf : '',
  };
  if (raw.lang === 'en' || raw.lang === 'zh-CN') notebook.lang = raw.lang;
  const present = parsePresentation(raw.present);
  if (present) notebook.present = present;
  const inputs = parseInputs(raw.inputs);
  if (inputs) notebook.inputs = inputs;
  if (Array.isArray(raw.unused)) {
    const unused = raw.unused.filter((t): t is string => typeof t === 'string');
    if (unused.length > 0) notebook.unused = unused;
  }
  if (raw.example === true) notebook.example = true;
  return notebook;
}
