import { describe, expect, it } from 'vitest';
import { fileReferences, unusedFiles } from '../../../../src/state/persist/file-references';
import type { SavedNotebook } from '../../../../src/state/persist/local-backend';

const nb = (id: string, files: Record<string, string>): SavedNotebook => ({
  id,
  name: id,
  savedAt: 0,
  text: '',
  files,
});

describe('file references', () => {
  const notebooks = [
    nb('__session', { orders: 'f1', orders_2: 'f1' }),
    nb('saved', { orders: 'f1', customers: 'f2' }),
  ];

  it('lists for each stored file the notebooks that use it', () => {
    const refs = fileReferences(notebooks);
    expect([...(refs.get('f1') ?? [])].sort()).toEqual(['__session', 'saved']);
    expect([...(refs.get('f2') ?? [])]).toEqual(['saved']);
    expect(refs.has('f3')).toBe(false);
  });

  it('a file is unused only when no notebook names it', () => {
    const files = [{ id: 'f1' }, { id: 'f2' }, { id: 'f3' }];
    expect(unusedFiles(files, notebooks)).toEqual(['f3']);
    expect(unusedFiles(files, [notebooks[0]!])).toEqual(['f2', 'f3']);
    expect(unusedFiles(files, [])).toEqual(['f1', 'f2', 'f3']);
  });
});
