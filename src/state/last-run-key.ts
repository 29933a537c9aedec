import type { Lang } from '../domain/labels';
import { cellInputs } from '../model/cell-dependencies';
import { resolveInputs } from '../model/inputs';
import type { Cell, Notebook, TableSource } from '../model/notebook';

/** What a cell's output depends on in the cell itself: not its id, place or how it is shown. */
function definition(cell: Cell): unknown {
  const { id: _, view: __, ...rest } = cell as Cell & { view?: unknown };
  return rest;
}

/**
 * The text standing for everything that produced a cell's output: its own definition and those
 * of every cell it reads, directly or through others; the notebook's tables (with their read
 * choices and cleaning steps), mappings, inputs, analysis date, churn definition and language;
 * and a fingerprint of each table's data (`fingerprint`: the stored file's id, which changes with
 * its bytes). Null when a table has no fingerprint: its output cannot be told from another's.
 */
export function lastRunKeySource(
  nb: Notebook,
  cellId: string,
  lang: Lang,
  fingerprint: (table: TableSource) => string | undefined,
): string | null {
  const fingerprints: string[] = [];
  for (const t of nb.tables) {
    const f = fingerprint(t);
    if (f === undefined) return null;
    fingerprints.push(`${t.table}=${f}`);
  }
  const { chosen } = resolveInputs(nb.mappings, nb.inputs);
  const inputTables = new Set(Object.values(chosen).map((m) => m.table.toLowerCase()));
  const inputs = cellInputs(nb.cells, { inputTables });
  if (!inputs.has(cellId)) return null;
  const upstream = new Set<string>();
  const todo = [...(inputs.get(cellId) ?? [])];
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    if (upstream.has(id)) continue;
    upstream.add(id);
    todo.push(...(inputs.get(id) ?? []));
  }
  const byId = new Map(nb.cells.map((c) => [c.id, c]));
  const defs = (ids: Iterable<string>) =>
    [...ids].map((id) => JSON.stringify(definition(byId.get(id)!))).sort();
  return JSON.stringify({
    v: 1,
    cell: definition(byId.get(cellId)!),
    reads: defs(upstream),
    tables: nb.tables,
    mappings: nb.mappings,
    inputs: nb.inputs ?? {},
    asOf: nb.asOf,
    churnDays: nb.churnDays ?? null,
    unused: nb.unused ?? [],
    lang,
    data: fingerprints,
  });
}

/** SHA-256 of a key source, as hex: the key a snapshot is stored under. */
export async function lastRunKey(source: string): Promise<string> {
  const bytes = new TextEncoder().encode(source);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The key of the example notebook's cells as made (`exampleNotebook`): its shipped outputs' source. */
export function exampleSourceKey(cells: readonly Cell[]): Promise<string> {
  return lastRunKey(JSON.stringify(cells.map(definition)));
}
