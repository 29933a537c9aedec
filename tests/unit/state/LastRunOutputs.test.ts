import { describe, expect, it } from 'vitest';
import { serializeNotebook } from '../../../src/io/notebook-file';
import { emptyNotebook, type Cell, type Notebook } from '../../../src/model/notebook';
import { lastRunKeySource } from '../../../src/state/last-run-key';
import { MemoryBackend } from '../../support/memory-backend';
import { MemoryOutputs, MemoryStorage, nodeWorkspace } from '../../support/workspace';

/** A notebook on a dropped file: orders by hand, so the figures are known here. */
const CSV =
  'order_id,customer_id,order_date,amount\n1,a,2024-01-01,10\n2,a,2024-02-01,30\n3,b,2024-01-15,5\n';
const SQL = 'SELECT count(DISTINCT customer_id) AS customers, sum(amount) AS revenue FROM orders';

async function firstSession(
  storage: MemoryStorage,
  backend: MemoryBackend,
  outputs: MemoryOutputs,
) {
  storage.setItem('seglab.notebook', serializeNotebook(emptyNotebook('orders')));
  const w = nodeWorkspace({ storage, backend, outputs });
  await w.ws.start();
  await w.ws.session.loadFiles([{ name: 'orders.csv', data: new TextEncoder().encode(CSV) }]);
  const cell = w.ws.notebook.addCell('sql', 0, SQL);
  await w.ws.runner.runCell(cell.id);
  await w.ws.runner.settled();
  // The outputs are written after the run, without holding it up.
  for (let i = 0; i < 50 && outputs.items.size === 0; i++)
    await new Promise((r) => setTimeout(r, 20));
  w.ws.notebook.saveNow();
  w.close();
  return cell.id;
}

describe('a cell’s last outputs', () => {
  it('show marked at once on the next start, and give way to the run’s equal result', async () => {
    const storage = new MemoryStorage();
    const backend = new MemoryBackend();
    const outputs = new MemoryOutputs();
    const id = await firstSession(storage, backend, outputs);
    expect(outputs.items.size).toBe(1);

    // The engine is held back until the kept outputs have been looked at.
    let engineReady!: () => void;
    const w = nodeWorkspace({
      storage,
      backend,
      outputs,
      engineReady: new Promise<void>((r) => (engineReady = r)),
    });
    const started = w.ws.start();
    // Marked as from the last run before the cell has run again.
    for (let i = 0; i < 200 && !w.ws.notebook.runs[id]?.result; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const shown = w.ws.notebook.runs[id]!;
    expect(shown.lastRun).toBeDefined();
    expect(shown.result?.page).toEqual([{ customers: 2, revenue: 45 }]);
    engineReady();
    await started;
    await w.ws.runner.settled();
    const live = w.ws.notebook.runs[id]!;
    expect(live.status).toBe('done');
    expect(live.lastRun).toBeUndefined();
    expect(live.result?.page).toEqual([{ customers: 2, revenue: 45 }]);
    w.close();
  }, 120_000);

  it('are not shown when the cell or its data changed', async () => {
    const storage = new MemoryStorage();
    const backend = new MemoryBackend();
    const outputs = new MemoryOutputs();
    const id = await firstSession(storage, backend, outputs);
    const nb = JSON.parse(storage.getItem('seglab.notebook')!) as Notebook;
    const source = (n: Notebook, file: string) =>
      lastRunKeySource(n, id, 'en', (t) => (t.table === 'orders' ? file : undefined));
    const edited: Notebook = {
      ...nb,
      cells: nb.cells.map((c) => (c.id === id ? { ...c, source: `${SQL} WHERE amount > 5` } : c)),
    };
    const shownOnly: Notebook = {
      ...nb,
      cells: nb.cells.map((c) => (c.id === id ? ({ ...c, view: { show: 'chart' } } as Cell) : c)),
    };
    expect(source(edited, 'f1')).not.toBe(source(nb, 'f1'));
    expect(source(nb, 'f2')).not.toBe(source(nb, 'f1'));
    expect(source(shownOnly, 'f1')).toBe(source(nb, 'f1'));
    expect(lastRunKeySource(nb, id, 'en', () => undefined)).toBeNull();

    // The cell changed to one that fails: its old outputs are never shown for it.
    storage.setItem('seglab.notebook', JSON.stringify(edited).replace('amount > 5', 'nope > 5'));
    const w = nodeWorkspace({ storage, backend, outputs });
    const started = w.ws.start();
    const marks: boolean[] = [];
    for (let i = 0; i < 100 && w.ws.notebook.runs[id]?.status !== 'error'; i++) {
      marks.push(!!w.ws.notebook.runs[id]?.lastRun);
      await new Promise((r) => setTimeout(r, 10));
    }
    await started;
    await w.ws.runner.settled();
    expect(marks).not.toContain(true);
    expect(w.ws.notebook.runs[id]?.status).toBe('error');
    expect(w.ws.notebook.runs[id]?.lastRun).toBeUndefined();
    expect(outputs.items.size).toBe(1);
    w.close();
  }, 120_000);
});
