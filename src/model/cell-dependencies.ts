import { referencedNames } from '../sql/referenced-names';
import { FEATURES_TABLE } from './features-table';
import type { Cell, PresetCell } from './notebook';
import { COMBINING_PRESETS, presetById } from './presets';

/** What, beyond the cells, decides who reads whom. */
export interface GraphContext {
  /** Tables the features table is built from (the notebook's inputs), lower-cased. */
  inputTables: ReadonlySet<string>;
}

/** Stand-ins for what is not a cell's name: the features table and the predictions it joins. */
const FEATURES = '@features';
const PREDICTIONS = '@predictions';

/** The results a preset cell names in its parameters (a combining preset's inputs). */
function presetReferences(cell: PresetCell): Set<string> {
  const names = new Set<string>();
  try {
    for (const spec of presetById(cell.presetId).params) {
      const value = cell.params[spec.key];
      if (spec.kind === 'result' && typeof value === 'string') names.add(value.toLowerCase());
    }
  } catch {
    // An unknown preset reads nothing.
  }
  return names;
}

function isCombining(cell: PresetCell): boolean {
  return COMBINING_PRESETS.some((p) => p.id === cell.presetId);
}

/** Everything a cell reads: cell names, tables, and the features table. */
export function cellReads(cell: Cell, ctx: GraphContext): Set<string> {
  if (cell.kind === 'markdown') return new Set();
  if (cell.kind === 'predict') return new Set(ctx.inputTables);
  const reads = cell.kind === 'sql' ? referencedNames(cell.source) : presetReferences(cell);
  if (cell.kind === 'preset' && !isCombining(cell)) reads.add(FEATURES);
  if (reads.has(FEATURES_TABLE)) reads.add(FEATURES);
  if (reads.has(FEATURES)) {
    // The features table is built from the input tables and joins the predictions.
    for (const t of ctx.inputTables) reads.add(t);
    reads.add(PREDICTIONS);
  }
  return reads;
}

/** What a cell makes that others read. */
function provides(cell: Cell): string[] {
  if (cell.kind === 'markdown') return [];
  const own = cell.name ? [cell.name.toLowerCase()] : [];
  return cell.kind === 'predict' ? [...own, PREDICTIONS] : own;
}

function runnable(cell: Cell): boolean {
  return (
    cell.kind === 'preset' ||
    cell.kind === 'predict' ||
    (cell.kind === 'sql' && cell.source.trim() !== '')
  );
}

/** For each runnable cell, the cells it reads from (by id). */
export function cellInputs(cells: readonly Cell[], ctx: GraphContext): Map<string, Set<string>> {
  const makers = new Map<string, string[]>();
  for (const cell of cells) {
    for (const name of provides(cell)) makers.set(name, [...(makers.get(name) ?? []), cell.id]);
  }
  const inputs = new Map<string, Set<string>>();
  for (const cell of cells) {
    if (!runnable(cell)) continue;
    const from = new Set<string>();
    for (const name of cellReads(cell, ctx)) {
      for (const id of makers.get(name) ?? []) if (id !== cell.id) from.add(id);
    }
    inputs.set(cell.id, from);
  }
  return inputs;
}

/**
 * The order to run every runnable cell in: each after the cells it reads from, otherwise in page
 * order (a preset above the Predict cell whose scores it reads runs after it). Cells that read
 * each other in a loop run in page order after the rest.
 */
export function runOrder(cells: readonly Cell[], ctx: GraphContext): string[] {
  const inputs = cellInputs(cells, ctx);
  const page = cells.filter((c) => inputs.has(c.id)).map((c) => c.id);
  const done = new Set<string>();
  const order: string[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    const next = page.find((id) => !done.has(id) && [...inputs.get(id)!].every((i) => done.has(i)));
    if (next) {
      done.add(next);
      order.push(next);
      progress = true;
    }
  }
  return [...order, ...page.filter((id) => !done.has(id))];
}

/**
 * The cells to re-run after `changedId` ran, in run order: every cell that reads it, directly or
 * through others, wherever it stands on the page.
 */
export function dependentCells(
  cells: readonly Cell[],
  changedId: string,
  ctx: GraphContext,
): string[] {
  const inputs = cellInputs(cells, ctx);
  const dirty = new Set<string>([changedId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [id, from] of inputs) {
      if (!dirty.has(id) && [...from].some((i) => dirty.has(i))) {
        dirty.add(id);
        grew = true;
      }
    }
  }
  dirty.delete(changedId);
  return runOrder(cells, ctx).filter((id) => dirty.has(id));
}
