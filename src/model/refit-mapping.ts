import { guessRoles } from './guess-roles';
import type { TableMapping } from '../domain/roles';

/**
 * A table's mapping after its file was read again (other delimiter, header, encoding...): roles
 * whose column is still there are kept, the others dropped. When fewer than half of the old
 * columns are still there, the file now reads as a different table and the roles are guessed
 * again for the same kind, as after a first load.
 */
export function refitMapping(
  mapping: TableMapping,
  before: readonly string[],
  after: readonly string[],
): TableMapping {
  const now = new Set(after);
  const shared = before.filter((c) => now.has(c)).length;
  if (before.length > 0 && shared * 2 < before.length) {
    return { ...mapping, columns: guessRoles(mapping.kind, [...after]) };
  }
  const columns = Object.fromEntries(
    Object.entries(mapping.columns).filter(([, column]) => column && now.has(column)),
  );
  return { ...mapping, columns };
}
