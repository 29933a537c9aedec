import { describe, expect, it } from 'vitest';
import { LangState } from '../../../src/state/LangState.svelte';
import { LocalStore } from '../../../src/state/LocalStore.svelte';
import { MemoryBackend } from '../../support/memory-backend';

function setup(backend: MemoryBackend | null = new MemoryBackend()) {
  const notices: { kind: string; text: string }[] = [];
  let n = 0;
  const store = new LocalStore({
    ...(backend ? { open: async () => backend } : {}),
    estimate: async () => ({ usage: 1234, quota: 1_000_000 }),
    lang: new LangState(null, ['en']),
    notify: (kind, text) => notices.push({ kind, text }),
    newId: () => `id${++n}`,
  });
  return { store, notices, backend };
}

const src = (table: string, fileName: string) => ({
  table,
  fileName,
  origin: 'file' as const,
  columns: [],
});
const file = (name: string, text: string) => new File([text], name, { type: 'text/csv' });
const text = async (input: { data: File | Uint8Array } | undefined) =>
  input?.data instanceof File ? await input.data.text() : null;

describe('LocalStore', () => {
  it('keeps dropped files and gives them back after a restart of the page', async () => {
    const backend = new MemoryBackend();
    const first = setup(backend).store;
    await first.init();
    await first.keep('orders', { name: 'orders.csv', data: file('orders.csv', 'id\n1\n2\n') });
    await first.keep('extra', { name: 'extra.parquet', data: new Uint8Array([80, 65, 82, 49]) });
    expect(first.usage).toEqual({ used: 1234, quota: 1_000_000 });

    const again = setup(backend).store; // a new page over the same storage
    await again.init();
    expect(again.has('orders')).toBe(true);
    const files = await again.files([
      src('orders', 'orders.csv'),
      src('extra', 'extra.parquet'),
      src('missing', 'missing.csv'),
    ]);
    // A kept file is given back only to a table that expects a file of that name.
    expect((await again.files([src('orders', 'other.csv')])).size).toBe(0);
    expect([...files.keys()]).toEqual(['orders', 'extra']);
    expect(files.get('orders')?.name).toBe('orders.csv');
    expect(await text(files.get('orders'))).toBe('id\n1\n2\n');
    const extra = files.get('extra')?.data as File;
    expect(new Uint8Array(await extra.arrayBuffer())).toEqual(new Uint8Array([80, 65, 82, 49]));
  });

  it('stores a file read again once, and drops the old file when a table gets a new one', async () => {
    const { store, backend } = setup();
    await store.init();
    const input = { name: 'orders.csv', data: file('orders.csv', 'id\n1\n') };
    await store.keep('orders', input);
    await store.keep('orders', input); // read again with another encoding
    expect(backend!.files.size).toBe(1);
    await store.keep('orders', { name: 'orders.csv', data: file('orders.csv', 'id\n9\n') });
    expect(backend!.files.size).toBe(1);
    expect(await text((await store.files([src('orders', 'orders.csv')])).get('orders'))).toBe(
      'id\n9\n',
    );
    await store.renamed('orders', 'sales');
    expect(store.has('orders')).toBe(false);
    expect(await text((await store.files([src('sales', 'orders.csv')])).get('sales'))).toBe(
      'id\n9\n',
    );
  });

  it('saves notebooks under a name, opens and deletes them, keeping files others use', async () => {
    const { store, backend } = setup();
    await store.init();
    await store.keep('orders', { name: 'orders.csv', data: file('orders.csv', 'a\n') });
    expect(await store.save('Client A', '{"a":1}', ['orders', 'not-kept'])).toBe(true);
    expect(await store.save('client a', '{"a":2}', ['orders'])).toBe(true); // same name: replaced
    expect(store.notebooks.map((n) => [n.name, n.tables])).toEqual([['client a', ['orders']]]);
    // The open notebook moves on to other data; Client A's file stays for Client A.
    await store.keep('orders', { name: 'orders.csv', data: file('orders.csv', 'b\n') });
    expect(backend!.files.size).toBe(2);
    const opened = await store.open(store.notebooks[0]!.id);
    expect(opened?.text).toBe('{"a":2}');
    expect(await text(opened?.files.get('orders'))).toBe('a\n');
    expect(backend!.files.size).toBe(1); // 'b' belonged to nothing any more
    await store.remove(store.notebooks[0]!.id);
    expect(store.notebooks).toEqual([]);
    expect(backend!.files.size).toBe(1); // still the open notebook's
  });

  it('forgets the open notebook’s files for good, also in saved notebooks', async () => {
    const { store, backend } = setup();
    await store.init();
    await store.keep('orders', { name: 'orders.csv', data: file('orders.csv', 'a\n') });
    await store.save('Client A', '{}', ['orders']);
    await store.forget();
    expect(backend!.files.size).toBe(0);
    expect(store.has('orders')).toBe(false);
    expect(store.notebooks[0]?.tables).toEqual([]);
    expect(await store.files([src('orders', 'orders.csv')])).toEqual(new Map());
  });

  it('says when the quota is exceeded, and the session goes on', async () => {
    const { store, backend, notices } = setup();
    await store.init();
    backend!.failWith = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    await store.keep('orders', { name: 'orders.csv', data: file('orders.csv', 'a\n') });
    expect(notices).toEqual([
      {
        kind: 'warning',
        text: 'Not enough storage space to keep orders.csv in this browser: it stays loaded for this session only. Delete saved notebooks or forget data to make room.',
      },
    ]);
    expect(store.has('orders')).toBe(false);
    backend!.failWith = null;
    await store.keep('orders', { name: 'orders.csv', data: file('orders.csv', 'a\n') });
    expect(store.has('orders')).toBe(true);
  });

  it('works in memory only when storage cannot be opened (private mode)', async () => {
    const notices: string[] = [];
    const store = new LocalStore({
      open: () => Promise.reject(new DOMException('denied', 'InvalidStateError')),
      lang: new LangState(null, ['zh-CN']),
      notify: (_k, text) => notices.push(text),
    });
    await store.init();
    expect(store.problem).toBe(
      '此浏览器不允许 SegLab 保存数据（可能是无痕窗口或已关闭存储）：数据表仅在本次会话中保留。',
    );
    await store.keep('orders', { name: 'orders.csv', data: file('orders.csv', 'a\n') });
    expect(await store.files([src('orders', 'orders.csv')])).toEqual(new Map());
    expect(await store.save('x', '{}', [])).toBe(false);
    expect(notices).toEqual([store.problem]);
  });

  it('stores a file dropped again with the same name and bytes once, shared by both tables', async () => {
    const backend = new MemoryBackend();
    const { store } = setup(backend);
    await store.init();
    // Two File objects with the same bytes: what a second drop of the same file gives.
    await store.keep('orders', { name: 'orders.csv', data: file('orders.csv', 'id\n1\n') });
    await store.keep('orders_2', { name: 'orders.csv', data: file('orders.csv', 'id\n1\n') });
    expect(backend.files.size).toBe(1);
    // Same bytes under another name, or another content under the same name: a file each.
    await store.keep('copy', { name: 'copy.csv', data: file('copy.csv', 'id\n1\n') });
    await store.keep('orders_3', { name: 'orders.csv', data: file('orders.csv', 'id\n2\n') });
    expect(backend.files.size).toBe(3);
    // The shared file stays while one table still uses it.
    await store.save('Kept', '{}', ['orders_2']);
    await store.startSession();
    expect(backend.files.size).toBe(1);
    expect(await text((await store.open(store.notebooks[0]!.id))?.files.get('orders_2'))).toBe(
      'id\n1\n',
    );
  });

  it('a read-only tab deletes no stored file and writes no session of its own', async () => {
    const backend = new MemoryBackend();
    const a = setup(backend).store;
    await a.init();
    await a.keep('orders', { name: 'orders.csv', data: file('orders.csv', 'id\n1\n') });
    const b = setup(backend).store; // a second tab over the same storage
    await b.init();
    b.readOnly = true;
    await b.startSession(); // e.g. New notebook in the second tab
    await b.keep('mine', { name: 'mine.csv', data: file('mine.csv', 'x\n') });
    await b.forget();
    expect(backend.files.size).toBe(1);
    const again = setup(backend).store; // the first tab reloads
    await again.init();
    expect(await text((await again.files([src('orders', 'orders.csv')])).get('orders'))).toBe(
      'id\n1\n',
    );
  });
});
