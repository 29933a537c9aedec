import type { TableKind, TableMapping } from '../domain/roles';

/**
 * Which table of each kind the notebook's analyses read. A table name, `null` for "none" (e.g.
 * no customers table even though one is mapped), or absent: then the only table mapped to that
 * kind, if there is exactly one. With several and no choice, the kind is ambiguous and analyses
 * ask the user to choose; nothing silently takes "the first".
 */
export type Inputs = Partial<Record<TableKind, string | null>>;

export const INPUT_KINDS: readonly TableKind[] = [
  'orders',
  'customers',
  'interactions',
  'campaigns',
  'summary',
];

/** The kinds purchases come from: orders when there are, else a customer summary. */
export const PURCHASE_KINDS: readonly TableKind[] = ['orders', 'summary'];

export interface ResolvedInputs {
  chosen: Partial<Record<TableKind, TableMapping>>;
  /** Kinds with several mapped tables and no choice among them. */
  ambiguous: TableKind[];
}

/** The mapped tables the analyses use, by kind. */
export function resolveInputs(
  mappings: readonly TableMapping[],
  inputs: Inputs = {},
): ResolvedInputs {
  const chosen: ResolvedInputs['chosen'] = {};
  const ambiguous: TableKind[] = [];
  for (const kind of INPUT_KINDS) {
    const candidates = mappings.filter((m) => m.kind === kind);
    const choice = inputs[kind];
    if (choice === null) continue;
    const named = choice === undefined ? undefined : candidates.find((m) => m.table === choice);
    if (named) chosen[kind] = named;
    else if (candidates.length === 1) chosen[kind] = candidates[0]!;
    else if (candidates.length > 1) ambiguous.push(kind);
  }
  return { chosen, ambiguous };
}

/** Tables of `kind` the user can choose from. */
export function candidatesOf(mappings: readonly TableMapping[], kind: TableKind): string[] {
  return mappings.filter((m) => m.kind === kind).map((m) => m.table);
}

/**
 * The inputs once `table`, a file the user brought, is mapped to `kind`. Orders become the
 * orders input; a table of another kind becomes its kind's input only where that kind has none
 * (replacing one is the user's choice, in the picker). When it holds orders (or a customer
 * summary, which stands in for them), inputs of other
 * kinds that came from the bundled sample stop being used (set to none), so the sample's
 * customers never join the user's as prospects, nor its campaigns pass for the user's.
 */
export function adoptInput(
  mappings: readonly TableMapping[],
  inputs: Inputs,
  table: string,
  kind: TableKind,
  origin: (table: string) => 'sample' | 'file' | undefined,
): Inputs {
  if (!PURCHASE_KINDS.includes(kind)) {
    const others = mappings.filter((m) => m.table !== table);
    const current = resolveInputs(others, inputs).chosen[kind];
    return { ...inputs, [kind]: current ? current.table : table };
  }
  const next: Inputs = { ...inputs, [kind]: table };
  const { chosen } = resolveInputs(mappings, next);
  for (const other of INPUT_KINDS) {
    const used = chosen[other];
    if (other !== kind && used && origin(used.table) === 'sample') next[other] = null;
  }
  return next;
}

/** The inputs without `table` (removed, or marked not used): its kind goes back to automatic. */
export function dropTable(inputs: Inputs, table: string): Inputs {
  return Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== table)) as Inputs;
}
