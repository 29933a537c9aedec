import type { Page } from 'playwright-core';

/**
 * Waits until the example notebook (or a restored one) has loaded and run its cells: none still
 * shows the outputs of its last run.
 */
export async function waitForNotebookRun(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid=engine-status][data-phase=ready]', { timeout: 90_000 });
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid=cell-status]').length > 0 &&
      !document.querySelector('.running') &&
      !document.querySelector('[data-last-run]'),
    undefined,
    { timeout: 90_000 },
  );
}

/** Waits until no cell is running. */
export async function waitIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.running'), undefined, {
    timeout: 60_000,
  });
}

/**
 * Drops files onto the page the way a user's drag from the desktop does. Into the example
 * notebook, the page asks whether to start a new notebook with them: `into` answers.
 */
export async function dropFiles(
  page: Page,
  files: { name: string; content: string | number[] }[],
  into: 'new' | 'add' = 'add',
) {
  const example = (await page.locator('[data-example=true]').count()) > 0;
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const body = typeof f.content === 'string' ? f.content : new Uint8Array(f.content);
      dt.items.add(new File([body], f.name));
    }
    window.dispatchEvent(
      new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }),
    );
    window.dispatchEvent(
      new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
    );
  }, files);
  if (example) await page.getByTestId(into === 'new' ? 'drop-new' : 'drop-add').click();
}

/** Types SQL into a cell's editor, replacing what was there, and runs it with Ctrl+Enter. */
export async function typeAndRun(page: Page, cellIndex: number, sql: string): Promise<void> {
  const cell = page.locator('[data-testid=cell]').nth(cellIndex);
  await cell.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(sql);
  await page.keyboard.press('Control+Enter');
}

export function tableRow(page: Page, name: string) {
  return page.locator(`[data-testid=table-list] li[data-table="${name}"]`);
}

/** A message the page sent to a worker: its type and, for a query, its SQL. */
export interface WorkerMessage {
  type: string;
  sql: string | null;
}

/**
 * From now on, records every message the page sends to a worker (`window.sent`), in order, with
 * the SQL of those that send DuckDB a query. Pass it to `page.evaluate`, or to
 * `context.addInitScript` to record from the page's start.
 */
export function recordWorkerSql(): void {
  const w = window as unknown as { sent: WorkerMessage[] };
  w.sent = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
    const m = message as { type?: unknown; data?: unknown };
    const type = String(m?.type);
    const query = /QUERY/.test(type) && Array.isArray(m.data);
    w.sent.push({ type, sql: query ? String((m.data as unknown[])[1]) : null });
    post.apply(this, [message, ...rest] as never);
  } as typeof post;
}

/** The messages recorded by `recordWorkerSql`. */
export function workerMessages(page: Page): Promise<WorkerMessage[]> {
  return page.evaluate(() => (window as unknown as { sent: WorkerMessage[] }).sent);
}

/** The SQL recorded by `recordWorkerSql`. */
export async function workerSql(page: Page): Promise<string[]> {
  return (await workerMessages(page)).flatMap((m) => (m.sql === null ? [] : [m.sql]));
}
