import { afterEach, describe, expect, it } from 'vitest';
import { nodeWorkspace } from '../../support/workspace';

const ORDERS =
  'order_id,customer_id,amount,note\n1,c1,10.5,SECRET-ROW-A\n2,c2,20,SECRET-ROW-B\n3,c1,4.5,x\n';
const bytes = (text: string) => new TextEncoder().encode(text);
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

function workspace() {
  const w = nodeWorkspace();
  closers.push(w.close);
  return w.ws;
}

/** A notebook on a dropped file: one named SQL cell, one cell reading it. */
async function sharedNotebook() {
  const ws = workspace();
  await ws.session.loadFiles([{ name: 'orders.csv', data: bytes(ORDERS) }]);
  ws.notebook.notebook.title = 'Spend by customer';
  ws.notebook.notebook.lang = 'zh-CN';
  const first = ws.cells.addCell('sql');
  if (first.kind === 'sql') {
    first.source = 'SELECT customer_id, sum(amount) AS spend FROM orders GROUP BY 1';
    first.name = 'spend';
  }
  const second = ws.cells.addCell('sql');
  if (second.kind === 'sql') second.source = 'SELECT sum(spend) AS total FROM spend';
  await ws.cells.runAll();
  return { ws, second };
}

describe('share links in the workspace', () => {
  it('carry the notebook but no data; the recipient drops the file and sees the same result', async () => {
    const { ws: sender, second } = await sharedNotebook();
    expect(sender.notebook.runs[second.id]?.result?.page).toEqual([{ total: 35 }]);
    const link = await sender.share.link('https://example.com/apps/seglab/?x=1#old');
    if (!('url' in link)) throw new Error(link.error);
    expect(link.url).toMatch(/^https:\/\/example\.com\/apps\/seglab\/\?x=1#nb=1\./);
    expect(link.withoutLogo).toBe(false);

    const recipient = workspace();
    await recipient.start(link.url.slice(link.url.indexOf('#')));
    const book = recipient.notebook.notebook;
    expect(book.title).toBe('Spend by customer');
    expect(recipient.lang.lang).toBe('zh-CN'); // the notebook's language, not the browser's
    expect(JSON.stringify(book)).not.toContain('SECRET-ROW');
    // It names the file and the columns it expects, and nothing runs before the user says so.
    expect(recipient.data.missingTables()).toEqual([
      expect.objectContaining({
        table: 'orders',
        fileName: 'orders.csv',
        columns: ['order_id', 'customer_id', 'amount', 'note'],
      }),
    ]);
    const cell = book.cells[1]!.id;
    expect(book.review).toBe(true);
    expect(recipient.notebook.runs[cell]).toBeUndefined();
    // Dropping the file loads it; Run (after the review) runs everything.
    await recipient.session.loadFiles([{ name: 'orders.csv', data: bytes(ORDERS) }]);
    expect(recipient.data.missingTables()).toEqual([]);
    expect(recipient.notebook.runs[cell]).toBeUndefined();
    await recipient.session.approveRun();
    expect(book.review).toBeUndefined();
    expect(recipient.notebook.runs[cell]?.result?.page).toEqual([{ total: 35 }]);
  });

  it('opening a link replaces the open notebook, and Undo brings it back', async () => {
    const { ws: sender } = await sharedNotebook();
    const link = await sender.share.link('http://h/');
    if (!('url' in link)) throw new Error(link.error);
    const ws = workspace();
    ws.cells.addCell('markdown');
    ws.notebook.notebook.title = 'Mine';
    expect(await ws.share.open(link.url.slice(link.url.indexOf('#')))).toBe(true);
    expect(ws.notebook.notebook.title).toBe('Spend by customer');
    const notice = ws.notices.find((n) => n.action);
    expect(notice?.text).toBe('Opened the shared notebook “Spend by customer”.');
    notice!.action!.run();
    await expect.poll(() => ws.notebook.notebook.title).toBe('Mine');
  });

  it('names a damaged or newer link, and keeps the open notebook', async () => {
    const ws = workspace();
    ws.notebook.notebook.title = 'Mine';
    expect(await ws.share.open('#nb=1.AAAA')).toBe(false);
    expect(await ws.share.open('#nb=3.AAAA')).toBe(false);
    expect(ws.notices.map((n) => [n.kind, n.text])).toEqual([
      ['error', expect.stringMatching(/^This link is damaged or incomplete/)],
      ['error', expect.stringMatching(/^This link was made by a newer version of SegLab/)],
    ]);
    expect(ws.notebook.notebook.title).toBe('Mine');
  });

  it('leaves a big logo out of the link rather than refusing it', async () => {
    const ws = workspace();
    ws.cells.addCell('markdown');
    let noise = '';
    for (let i = 0, x = 2463534242; i < 90_000; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      noise += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[(x >>> 0) % 64];
    }
    ws.present.setLogo(`data:image/png;base64,${noise}`, 'logo.png');
    const link = await ws.share.link('http://h/');
    expect(link).toMatchObject({ withoutLogo: true });
    const small = workspace();
    await small.share.open((link as { url: string }).url.slice('http://h/'.length));
    expect(small.notebook.notebook.present?.logo).toBeUndefined();
  });
});
