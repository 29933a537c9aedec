import type { SavedNotebook } from './local-backend';

/** Stored file id -> ids of the stored notebooks whose tables use it. */
export function fileReferences(notebooks: readonly SavedNotebook[]): Map<string, Set<string>> {
  const refs = new Map<string, Set<string>>();
  for (const notebook of notebooks) {
    for (const id of Object.values(notebook.files)) {
      const users = refs.get(id) ?? new Set<string>();
      users.add(notebook.id);
      refs.set(id, users);
    }
  }
  return refs;
}

/**
 * The stored files no stored notebook uses (the open notebook's record included): the only ones
 * that may be deleted. A file a notebook still names is never among them.
 */
export function unusedFiles(
  files: readonly { id: string }[],
  notebooks: readonly SavedNotebook[],
): string[] {
  const refs = fileReferences(notebooks);
  return files.filter((f) => !refs.has(f.id)).map((f) => f.id);
}
