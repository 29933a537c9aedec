import { afterEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/state/Workspace.svelte';
import { MemoryBackend } from '../../support/memory-backend';
import { MemoryLocks } from '../../support/memory-locks';
import { MemoryStorage, nodeWorkspace } from '../../support/workspace';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

/** One browser: tabs share localStorage, IndexedDB and Web Locks. */
function browser() {
  const storage = new MemoryStorage();
  const backend = new MemoryBackend();
  const locks = new MemoryLocks();
  return {
    backend,
    tab() {
      const w = nodeWorkspace({ storage, backend, locks });
      closers.push(w.close);
      return w;
    },
  };
}

const ORDERS = 'order_id,customer_id,order_date,amount\n1,a,2024-01-01,10\n2,b,2024-02-01,20\n';

async function userNotebook(ws: Workspace) {
  await ws.start();
  await ws.session.newNotebook();
  await ws.session.loadFiles([{ name: 'mine.csv', data: new File([ORDERS], 'mine.csv') }]);
  ws.notebook.addCell('sql', 0, 'SELECT count(*) AS n FROM mine');
}

describe('a notebook open in two tabs', () => {
  it('the second tab is read-only: it writes nothing and deletes no stored file', async () => {
    const b = browser();
    const a = b.tab();
    await userNotebook(a.ws);
    a.ws.notebook.saveNow();
    await expect.poll(() => b.backend.files.size).toBe(1);
    expect(a.ws.tab.held).toBe(true);

    const second = b.tab();
    await second.ws.start();
    expect(second.ws.tab.held).toBe(false);
    expect(second.ws.notebook.readOnly).toBe(true);
    // It shows the notebook with its table, read from what the first tab stored.
    expect(
      second.ws.notebook.notebook.cells.map((c) => ('source' in c ? c.source : c.kind)),
    ).toEqual(['SELECT count(*) AS n FROM mine']);
    expect(second.ws.catalog.has('mine')).toBe(true);
    // What once deleted the first tab's file and overwrote its autosave: a clean-up there.
    await second.ws.session.newNotebook();
    expect(b.backend.files.size).toBe(1);

    // The first tab's last cell, saved after the second tab opened, is kept.
    a.ws.notebook.addCell('markdown', 1, 'Last words');
    a.ws.notebook.saveNow();
    a.close(); // the lock goes with the page, a moment later
    await new Promise((resolve) => setTimeout(resolve, 0));
    const reloaded = b.tab();
    await reloaded.ws.start();
    expect(reloaded.ws.tab.held).toBe(true);
    expect(
      reloaded.ws.notebook.notebook.cells.map((c) => ('source' in c ? c.source : c.kind)),
    ).toEqual(['SELECT count(*) AS n FROM mine', 'Last words']);
    expect(reloaded.ws.catalog.has('mine')).toBe(true);
  });

  it('Take over: the second tab gets the first tab’s latest version; the first turns read-only', async () => {
    const b = browser();
    const a = b.tab();
    await userNotebook(a.ws);
    a.ws.notebook.saveNow();
    const second = b.tab();
    await second.ws.start();
    a.ws.notebook.addCell('markdown', 1, 'Edited in the first tab');
    a.ws.notebook.saveNow();

    await second.ws.session.takeOver();
    expect(second.ws.tab.held).toBe(true);
    expect(a.ws.tab.held).toBe(false);
    expect(a.ws.notebook.readOnly).toBe(true);
    expect(
      second.ws.notebook.notebook.cells.map((c) => ('source' in c ? c.source : c.kind)),
    ).toEqual(['SELECT count(*) AS n FROM mine', 'Edited in the first tab']);
    // The first tab writes no more: an edit there does not replace the second tab's notebook.
    a.ws.notebook.addCell('markdown', 0, 'Stale tab');
    a.ws.notebook.saveNow();
    second.ws.notebook.addCell('markdown', 2, 'Now here');
    second.ws.notebook.saveNow();
    expect(
      (await second.ws.notebook.restore())?.cells.map((c) => ('source' in c ? c.source : c.kind)),
    ).toEqual(['SELECT count(*) AS n FROM mine', 'Edited in the first tab', 'Now here']);
  });
});
