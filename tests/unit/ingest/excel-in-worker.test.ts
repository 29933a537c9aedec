import { utils, write } from '@e965/xlsx';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openWorkbookInWorker } from '../../../src/ingest/excel-in-worker';
import { LoadError } from '../../../src/ingest/load-error';

/**
 * Node has no Web Worker: this stand-in runs the real excel.worker.ts in this process, passing
 * messages through structuredClone as a browser would, so the page side and the worker side of
 * the protocol are tested together with the real SheetJS parser.
 */
class InProcessWorker {
  static created: string[] = [];
  /** The worker module's global scope; the module is evaluated once, for every worker. */
  static scope: { postMessage: (m: unknown) => void; onmessage?: (e: { data: unknown }) => void } =
    { postMessage: (m) => InProcessWorker.current?.deliver(m) };
  static current: InProcessWorker | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  #ready: Promise<unknown>;

  constructor(url: URL) {
    InProcessWorker.created.push(url.pathname);
    InProcessWorker.current = this;
    (globalThis as unknown as { self: unknown }).self = InProcessWorker.scope;
    this.#ready = import('../../../src/ingest/excel.worker');
  }

  deliver(m: unknown): void {
    const data = structuredClone(m);
    setTimeout(() => !this.terminated && this.onmessage?.({ data }));
  }

  postMessage(m: unknown): void {
    const data = structuredClone(m);
    void this.#ready.then(() => InProcessWorker.scope.onmessage?.({ data }));
  }

  terminate(): void {
    this.terminated = true;
  }
}

const saved = (globalThis as { Worker?: unknown }).Worker;
beforeAll(() => {
  (globalThis as { Worker?: unknown }).Worker = InProcessWorker;
});
afterAll(() => {
  (globalThis as { Worker?: unknown }).Worker = saved;
});

it('openWorkbookInWorker: sheets, then the chosen sheet as Arrow, errors as LoadError', async () => {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet([['note'], ['x']]), 'Info');
  utils.book_append_sheet(
    book,
    utils.aoa_to_sheet([
      ['id', 'qty'],
      ['A1', '3'],
      ['A2', '4'],
    ]),
    'Orders',
  );
  const data = new Uint8Array(write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
  const progress: (number | null)[] = [];
  const reader = await openWorkbookInWorker(data, 'export.xlsx', (f) => progress.push(f));
  expect(InProcessWorker.created.at(-1)).toMatch(/excel\.worker\.ts$/);
  expect(reader.sheets.map((s) => s.name)).toEqual(['Info', 'Orders']);
  const sheet = await reader.read('Orders');
  expect(sheet).toMatchObject({ columns: ['id', 'qty'], rowCount: 2, headerRow: 1 });
  expect(tableFromIPC(sheet.ipc).getChild('qty')?.toArray()).toEqual(['3', '4']);
  expect(progress).toEqual([null, 0.5, 1]);

  const missing = await reader.read('Nope').catch((e: unknown) => e);
  expect(missing).toBeInstanceOf(LoadError);
  expect((missing as LoadError).messages.en).toContain('"export.xlsx" has no sheet named "Nope"');
  reader.close();
  expect(InProcessWorker.current?.terminated).toBe(true);
});
