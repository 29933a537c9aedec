import { afterEach, describe, expect, it } from 'vitest';
import { emptyNotebook } from '../../../src/model/notebook';
import { serializeNotebook } from '../../../src/io/notebook-file';
import { MemoryBackend } from '../../support/memory-backend';
import { MemoryStorage, nodeWorkspace } from '../../support/workspace';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

function page(storage: Storage, backend: MemoryBackend) {
  const w = nodeWorkspace({ storage, backend });
  closers.push(w.close);
  return w.ws;
}

const CSV = 'id,amount\n1,10\n2,20\n3,30\n';

describe('Workspace: the engine on start', () => {
  it('counts the sample data loading on a first visit as work waiting for the engine', async () => {
    const w = nodeWorkspace();
    closers.push(w.close);
    await w.ws.start();
    expect(w.engines).toHaveLength(1);
    expect(w.wanted()).toBe(true);
  });

  it('starts the engine for a kept empty notebook without work waiting for it', async () => {
    const storage = new MemoryStorage();
    storage.setItem('seglab.notebook', serializeNotebook(emptyNotebook('empty')));
    const w = nodeWorkspace({ storage });
    closers.push(w.close);
    await w.ws.start();
    expect(w.ws.notebook.notebook.title).toBe('empty');
    await w.ws.engine.started();
    expect(w.engines).toHaveLength(1);
    expect(w.wanted()).toBe(false);
  });
});

describe('Workspace: what survives a reload', () => {
  it('loads a dropped table again on start, from the file kept in this browser', async () => {
    const storage = new MemoryStorage();
    const backend = new MemoryBackend();
    const first = page(storage, backend);
    await first.start('#not-a-link');
    // Dropped into the example notebook: the user is asked, and starts a new notebook.
    const loading = first.session.loadFiles([
      { name: 'visits.csv', data: new File([CSV], 'visits.csv') },
    ]);
    await expect.poll(() => first.drops.files).toEqual(['visits.csv']);
    first.drops.answer('new');
    await loading;
    await expect.poll(() => backend.files.size).toBe(1);
    first.notebook.saveNow();

    const reloaded = page(storage, backend);
    await reloaded.start();
    expect(reloaded.catalog.tables.find((t) => t.name === 'visits')?.rowCount).toBe(3);
    expect(reloaded.data.missingTables()).toEqual([]);
    expect(reloaded.notices.map((n) => n.text)).toContain(
      'Loaded 1 table(s) kept in this browser.',
    );

    await reloaded.local.forget();
    expect(backend.files.size).toBe(0);
    const after = page(storage, backend);
    await after.start();
    expect(after.catalog.has('visits')).toBe(false);
    expect(after.data.missingTables().map((t) => t.fileName)).toEqual(['visits.csv']);
  });

  it('opens a notebook saved under a name with its data', async () => {
    const storage = new MemoryStorage();
    const backend = new MemoryBackend();
    const ws = page(storage, backend);
    await ws.local.init();
    await ws.session.loadFiles([{ name: 'a.csv', data: new File(['x\n1\n'], 'a.csv') }]);
    await expect.poll(() => backend.files.size).toBe(1);
    ws.notebook.notebook.title = 'Client A';
    expect(await ws.local.save('Client A', ws.notebook.toFileText(), ['a'])).toBe(true);
    // Another page of the same browser opens it.
    const other = page(new MemoryStorage(), backend);
    await other.local.init();
    const [entry] = other.local.notebooks;
    await other.opener.openSaved(entry!.id, entry!.name);
    expect(other.notebook.notebook.title).toBe('Client A');
    expect(other.catalog.tables.find((t) => t.name === 'a')?.rowCount).toBe(1);
  });
});
