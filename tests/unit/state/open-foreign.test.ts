import { afterEach, describe, expect, it } from 'vitest';
import { newCellId, type Notebook } from '../../../src/model/notebook';
import { serializeNotebook } from '../../../src/io/notebook-file';
import { shareFragment } from '../../../src/io/share-link';
import { MemoryBackend } from '../../support/memory-backend';
import { MemoryStorage, nodeWorkspace } from '../../support/workspace';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

function page(storage = new MemoryStorage(), backend = new MemoryBackend()) {
  const w = nodeWorkspace({ storage, backend });
  closers.push(w.close);
  return w.ws;
}

const LEADS = 'customer_id,score\nA1,3\nA2,5\n';

function notebook(title: string, sql: string): Notebook {
  return {
    version: 1,
    title,
    asOf: '',
    tables: [{ table: 'leads', fileName: 'leads.csv', origin: 'file', columns: [] }],
    mappings: [],
    cells: [{ id: newCellId(), kind: 'sql', source: sql }],
  };
}

/** A page with a notebook of the user's own: a dropped file and a cell that ran. */
async function ownWork() {
  const storage = new MemoryStorage();
  const backend = new MemoryBackend();
  const ws = page(storage, backend);
  await ws.local.init();
  await ws.session.loadFiles([{ name: 'leads.csv', data: new File([LEADS], 'leads.csv') }]);
  ws.notebook.notebook.title = 'My leads';
  const cell = ws.cells.addCell('sql');
  if (cell.kind === 'sql') cell.source = 'SELECT count(*) AS n FROM leads';
  await ws.cells.runAll();
  ws.notebook.saveNow();
  return { ws, storage, backend };
}

describe('a notebook from a link opens beside the others, for review', () => {
  it('keeps the open notebook in this browser and runs nothing until Run', async () => {
    const { ws } = await ownWork();
    const link = shareFragment(notebook('From a colleague', 'DELETE FROM leads'));
    expect(await ws.share.open(link)).toBe(true);
    const opened = ws.notebook.notebook;
    expect(opened.title).toBe('From a colleague');
    expect(opened.review).toBe(true);
    expect(ws.notebook.runs).toEqual({});
    // The user's notebook, with its file, is in the list of notebooks kept in this browser.
    expect(ws.local.notebooks.map((n) => [n.name.replace(/ · .*$/, ''), n.tables])).toEqual([
      ['My leads', ['leads']],
    ]);
    // Run, before the file the link asks for is dropped: the user's own table of the same name,
    // dropped for other work, is not there to be deleted.
    await ws.session.approveRun();
    const [cell] = opened.cells;
    expect(ws.notebook.runs[cell!.id]?.error).toMatch(/leads/);
    expect(ws.catalog.tables.map((t) => t.name)).not.toContain('leads');
    const [entry] = ws.local.notebooks;
    await ws.opener.openSaved(entry!.id, entry!.name);
    expect(ws.notebook.notebook.title).toBe('My leads');
    expect(ws.catalog.tables.find((t) => t.name === 'leads')?.rowCount).toBe(2);
  });

  it('on start, a link keeps the notebook of the last visit and opens for review', async () => {
    const { storage, backend } = await ownWork();
    const link = shareFragment(notebook('Shared', 'SELECT 1'));
    const next = page(storage, backend);
    await next.start(link);
    expect(next.notebook.notebook.title).toBe('Shared');
    expect(next.notebook.runs).toEqual({});
    expect(next.local.notebooks.map((n) => n.name.replace(/ · .*$/, ''))).toEqual(['My leads']);
    // A reload before Run still runs nothing.
    next.notebook.saveNow();
    const again = page(storage, backend);
    await again.start();
    expect(again.notebook.notebook.review).toBe(true);
    expect(again.notebook.runs).toEqual({});
  });

  it('refuses a crafted link (duplicate cell ids, unknown preset) and keeps the open notebook', async () => {
    const { ws } = await ownWork();
    const bad = notebook('Crafted', 'SELECT 1');
    bad.cells.push({ ...bad.cells[0]! });
    const unknown = notebook('Crafted', 'SELECT 1');
    unknown.cells.push({
      id: 'p1',
      kind: 'preset',
      presetId: 'no-such-preset',
      params: {},
      name: 'x',
      strategies: {},
    });
    const before = serializeNotebook(ws.notebook.notebook);
    for (const nb of [bad, unknown]) {
      // shareFragment serializes without checking, as a hand-made link would.
      expect(await ws.share.open(shareFragment(nb))).toBe(false);
    }
    expect(ws.notices.filter((n) => n.kind === 'error').map((n) => n.text)).toEqual([
      expect.stringContaining('cell 2 has the id of an earlier cell'),
      expect.stringContaining('cell 2 uses an unknown segmentation'),
    ]);
    expect(serializeNotebook(ws.notebook.notebook)).toBe(before);
    expect(ws.local.notebooks).toEqual([]);
  });
});
