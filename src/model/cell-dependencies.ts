import { referencedNames } from '../sql/referenced-names';
import type { Cell, PresetCell } from './notebook';
import { presetById } from './presets';

/** The results a preset cell reads: its parameters that name another cell's result. */
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

/**
 * The SQL cells to re-run after `changedId` ran, in notebook order: every later cell that reads
 * the changed cell's name, directly or through another named cell.
 */
export function dependentCells(cells: Cell[], changedId: string): string[] {
  const start = cells.findIndex((c) => c.id === changedId);
  if (start === -1) return [];
  const first = cells[start]!;
  const dirty = new Set<string>();
  if (first.kind !== 'markdown' && first.name) dirty.add(first.name.toLowerCase());
  const out: string[] = [];
  for (const cell of cells.slice(start + 1)) {
    if (dirty.size === 0 || cell.kind === 'markdown' || cell.kind === 'predict') continue;
    const refs = cell.kind === 'sql' ? referencedNames(cell.source) : presetReferences(cell);
    if ([...dirty].some((name) => refs.has(name))) {
      out.push(cell.id);
      if (cell.name) dirty.add(cell.name.toLowerCase());
    }
  }
  return out;
}
