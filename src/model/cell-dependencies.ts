import { referencedNames } from '../sql/referenced-names';
import type { Cell } from './notebook';

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
    // Preset cells read only the features table, never another cell's result.
    if (cell.kind !== 'sql' || dirty.size === 0) continue;
    const refs = referencedNames(cell.source);
    if ([...dirty].some((name) => refs.has(name))) {
      out.push(cell.id);
      if (cell.name) dirty.add(cell.name.toLowerCase());
    }
  }
  return out;
}
