import { parseCohortChoice } from '../model/cohort-choice';
import { isBgBbPeriod, isPurchaseModel } from '../model/clv/purchase-models';
import {
  defaultPredictCell,
  type Cell,
  type Notebook,
  type PresetView,
  type TableSource,
} from '../model/notebook';
import { parseStep } from '../domain/cleaning-step';
import { INPUT_KINDS, type Inputs } from '../model/inputs';
import { isPresentChart } from '../model/present-chart';
import { parsePresentation } from '../model/presentation';
import { markdownTablesProblem, NOTEBOOK_LIMITS } from '../model/notebook-limits';
import { presetById } from '../model/presets';
import { parseReadChoices } from '../model/read-choices';
import { parsePivotChoice } from '../model/pivot-view';
import { parseSqlView } from '../model/sql-chart';
import { ROLES_BY_KIND, type TableKind, type TableMapping } from '../domain/roles';
import { checkTableName } from '../model/table-name';

export const NOTEBOOK_FILE_VERSION = 1;

/** The longest churn threshold a notebook accepts: 100 years. */
export const MAX_CHURN_DAYS = 36_500;

export class NotebookFileError extends Error {
  constructor(
    readonly code: 'not-json' | 'not-notebook' | 'newer-version' | 'damaged' | 'too-large',
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
    ...(isPurchaseModel(v.model) ? { model: v.model } : {}),
    ...(isBgBbPeriod(v.period) ? { period: v.period } : {}),
    ...(v.compare === true ? { compare: true } : {}),
  };
}

function parseView(v: unknown): PresetView | undefined {
  if (!isObject(v)) return undefined;
  const cohorts = parseCohortChoice(v.cohorts);
  const pivot = parsePivotChoice(v.pivot);
  const view: PresetView = {
    ...(typeof v.tab === 'string' ? { tab: v.tab } : {}),
    ...(v.chart === 'donut' || v.chart === 'bar' ? { chart: v.chart } : {}),
    ...(v.scale === 'auto' || v.scale === 'linear' || v.scale === 'log' ? { scale: v.scale } : {}),
    ...(isPresentChart(v.present) ? { present: v.present } : {}),
    ...(v.form === 'hidden' ? { form: 'hidden' as const } : {}),
    ...(cohorts ? { cohorts } : {}),
    ...(v.segments === 'pivot' ? { segments: 'pivot' as const } : {}),
    ...(pivot ? { pivot } : {}),
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
  if (v.kind === 'markdown') {
    return {
      id: v.id,
      kind: 'markdown',
      source: v.source,
      ...(v.note === true ? { note: true } : {}),
    };
  }
  if (v.kind === 'sql') {
    const cell: Cell = { id: v.id, kind: 'sql', source: v.source };
    if (typeof v.name === 'string' && v.name !== '') cell.name = v.name;
    const view = parseSqlView(v.view);
    if (view) cell.view = view;
    return cell;
  }
  throw new NotebookFileError('damaged', `cell ${i + 1} has unknown kind ${String(v.kind)}`);
}

function parseTable(v: unknown): TableSource {
  if (!isObject(v) || typeof v.table !== 'string' || typeof v.fileName !== 'string') {
    throw new NotebookFileError('damaged', 'a table entry has no name or file name');
  }
  const problem = checkTableName(v.table);
  if (problem) {
    const shown = v.table.length > 40 ? `${v.table.slice(0, 40)}…` : v.table;
    const why = {
      empty: 'a table has an empty name',
      'too-long': `table "${shown}" has ${v.table.length} characters (at most 63)`,
      reserved: `table "${shown}" has a name SegLab or DuckDB uses itself`,
    };
    throw new NotebookFileError('damaged', why[problem]);
  }
  const source: TableSource = {
    table: v.table,
    fileName: v.fileName,
    origin: v.origin === 'sample' ? 'sample' : 'file',
    columns: Array.isArray(v.columns) ? v.columns.filter((c) => typeof c === 'string') : [],
  };
  if (isObject(v.choices)) {
    source.choices = parseReadChoices(v.choices);
  }
  if (Array.isArray(v.steps) && v.steps.length > 0) {
    source.steps = v.steps.map((s) => {
      const step = parseStep(s);
      if (!step) throw new NotebookFileError('damaged', `a cleaning step of ${v.table} is damaged`);
      return step;
    });
  }
  const pivot = parsePivotChoice(v.pivot);
  if (pivot) source.pivot = pivot;
  return source;
}

/** A mapping of a known kind to roles of that kind; anything else is left out. */
function parseMapping(v: unknown): TableMapping[] {
  if (!isObject(v) || typeof v.table !== 'string' || !isObject(v.columns)) return [];
  const kind = v.kind as TableKind;
  if (!(kind in ROLES_BY_KIND)) return [];
  const roles = ROLES_BY_KIND[kind] as readonly string[];
  const columns = Object.fromEntries(
    Object.entries(v.columns).filter(([role, c]) => roles.includes(role) && typeof c === 'string'),
  );
  return [{ table: v.table, kind, columns }];
}

/** Unique ids, known presets, text within the limits: else the notebook would not show. */
function checkCells(cells: Cell[]): void {
  const ids = new Set<string>();
  cells.forEach((cell, i) => {
    if (ids.has(cell.id)) {
      throw new NotebookFileError('damaged', `cell ${i + 1} has the id of an earlier cell`);
    }
    ids.add(cell.id);
    if (cell.kind === 'preset') {
      try {
        presetById(cell.presetId);
      } catch {
        throw new NotebookFileError('damaged', `cell ${i + 1} uses an unknown segmentation`);
      }
    }
    if (cell.kind === 'sql' || cell.kind === 'markdown') {
      if (cell.source.length > NOTEBOOK_LIMITS.cellText) {
        throw new NotebookFileError(
          'too-large',
          `cell ${i + 1} has ${cell.source.length} characters`,
        );
      }
    }
    if (cell.kind === 'markdown') {
      const problem = markdownTablesProblem(cell.source);
      if (problem !== null) {
        throw new NotebookFileError(
          'too-large',
          'cells' in problem
            ? `cell ${i + 1} has tables of ${problem.cells} cells`
            : `cell ${i + 1} has a table of ${problem.rows} rows and ${problem.columns} columns`,
        );
      }
    }
  });
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

/**
 * JSON.parse keeps a `__proto__` key as a plain property, but spreading or assigning such an
 * object later sets a prototype (and once overflowed the stack): no notebook has one.
 */
function refuseProto(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new NotebookFileError('damaged', 'it has a "__proto__" key');
  return value;
}

/** A whole number of days from 1 to MAX_CHURN_DAYS, or undefined (derive it from the data). */
export function parseChurnDays(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_CHURN_DAYS
    ? v
    : undefined;
}

/** A lifecycle cell's own churn threshold, from before the notebook had one. */
function legacyChurnDays(cells: Cell[]): number | undefined {
  for (const cell of cells) {
    if (cell.kind !== 'preset' || cell.presetId !== 'lifecycle') continue;
    const days = parseChurnDays(cell.params.churnDays);
    if (days !== undefined) return days;
  }
  return undefined;
}

/** Reads a `.seglab.json` text, checking its shape; throws NotebookFileError when it cannot. */
export function parseNotebook(text: string): Notebook {
  if (text.length > NOTEBOOK_LIMITS.total) {
    throw new NotebookFileError('too-large', `${text.length} characters`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text, refuseProto);
  } catch (e) {
    if (e instanceof NotebookFileError) throw e;
    throw new NotebookFileError('not-json', (e as Error).message);
  }
  if (!isObject(raw) || raw.format !== 'seglab-notebook') {
    throw new NotebookFileError('not-notebook', 'no "format": "seglab-notebook" field');
  }
  if (typeof raw.version !== 'number' || raw.version > NOTEBOOK_FILE_VERSION) {
    throw new NotebookFileError('newer-version', `version ${String(raw.version)}`);
  }
  if (!Array.isArray(raw.cells)) throw new NotebookFileError('damaged', 'no cell list');
  if (raw.cells.length > NOTEBOOK_LIMITS.cells) {
    throw new NotebookFileError('too-large', `${raw.cells.length} cells`);
  }
  if (Array.isArray(raw.tables) && raw.tables.length > NOTEBOOK_LIMITS.tables) {
    throw new NotebookFileError('too-large', `${raw.tables.length} tables`);
  }
  const cells = raw.cells.map(parseCell);
  checkCells(cells);
  const notebook: Notebook = {
    version: 1,
    title: typeof raw.title === 'string' ? raw.title : '',
    cells,
    tables: Array.isArray(raw.tables) ? raw.tables.map(parseTable) : [],
    mappings: Array.isArray(raw.mappings) ? raw.mappings.flatMap(parseMapping) : [],
    asOf: typeof raw.asOf === 'string' ? raw.asOf : '',
  };
  const churnDays = parseChurnDays(raw.churnDays) ?? legacyChurnDays(cells);
  if (churnDays !== undefined) notebook.churnDays = churnDays;
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
  if (raw.review === true) notebook.review = true;
  return notebook;
}
