import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Notebook } from '../../../src/model/notebook';
import { isShareFragment } from '../../../src/io/share-fragment';
import { MAX_LINK_CHARS, readShareFragment, shareFragment } from '../../../src/io/share-link';

const notebook: Notebook = {
  version: 1,
  title: '客户分层 for ACME',
  cells: [
    { id: 'a', kind: 'markdown', source: '# 你好\n\nRevenue by month' },
    { id: 'b', kind: 'sql', source: "SELECT * FROM orders WHERE city = '上海'", name: 'sh' },
    {
      id: 'c',
      kind: 'preset',
      presetId: 'rfm',
      params: { recencyBins: 4 },
      name: 'rfm_segments',
      strategies: { 重要价值客户: 'VIP 专属服务' },
      view: { tab: 'shares', chart: 'bar' },
    },
  ],
  tables: [
    { table: 'orders', fileName: 'orders.csv', origin: 'file', columns: ['id', 'amount'] },
    { table: 'customers', fileName: 'customers.csv', origin: 'sample', columns: ['id'] },
  ],
  mappings: [{ table: 'orders', kind: 'orders', columns: { customerId: 'id' } }],
  asOf: '2024-12-31',
  lang: 'zh-CN',
  present: { subtitle: 'Q4 review' },
};

const b64url = (bytes: Uint8Array) =>
  Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('share links', () => {
  it('round-trips the notebook definition through a URL-safe fragment', () => {
    const fragment = shareFragment(notebook);
    expect(fragment).toMatch(/^#nb=1\.[A-Za-z0-9_-]+$/);
    expect(isShareFragment(fragment)).toBe(true);
    expect(readShareFragment(fragment)).toEqual(notebook);
  });

  it('compresses: a long repetitive notebook makes a short link', () => {
    const sql = 'SELECT customer_id, sum(amount) FROM orders GROUP BY 1\n'.repeat(200);
    const big = { ...notebook, cells: [{ id: 's', kind: 'sql' as const, source: sql }] };
    expect(shareFragment(big).length).toBeLessThan(sql.length / 20);
  });

  it('refuses to make a link longer than the limit', () => {
    // Pseudo-random text barely compresses: ~6.5 bits a character, then 4/3 for base64.
    let noise = '';
    let x = 2463534242;
    for (let i = 0; i < MAX_LINK_CHARS; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      noise += String.fromCharCode(33 + ((x >>> 0) % 90));
    }
    const huge = { ...notebook, cells: [{ id: 's', kind: 'markdown' as const, source: noise }] };
    expect(() => shareFragment(huge)).toThrow(expect.objectContaining({ code: 'too-large' }));
    const half = { ...huge, cells: [{ ...huge.cells[0]!, source: noise.slice(0, 30_000) }] };
    expect(shareFragment(half).length).toBeLessThanOrEqual(MAX_LINK_CHARS);
  });

  it('names a damaged link: cut, changed, not a notebook', () => {
    const fragment = shareFragment(notebook);
    const damaged = (hash: string) =>
      expect(() => readShareFragment(hash)).toThrow(expect.objectContaining({ code: 'damaged' }));
    damaged(fragment.slice(0, fragment.length - 12)); // cut short
    damaged(fragment.replace('.', '.!')); // not base64url
    damaged(`${fragment.slice(0, 30)}AAAA${fragment.slice(34)}`); // bytes changed
    damaged('#nb=1.'); // empty
    damaged('#nb=hello');
    damaged('#other=1');
    damaged(`#nb=1.${b64url(deflateSync(strToU8('{"cells": []}')))}`); // JSON, not a notebook
    damaged(`#nb=1.${b64url(deflateSync(new Uint8Array([0xff, 0xfe, 0x00])))}`); // not UTF-8
  });

  it('says when a link comes from a newer SegLab (link or notebook version)', () => {
    const body = shareFragment(notebook).slice('#nb=1.'.length);
    expect(() => readShareFragment(`#nb=2.${body}`)).toThrow(
      expect.objectContaining({ code: 'newer-version' }),
    );
    const newer = JSON.stringify({ format: 'seglab-notebook', version: 7, cells: [] });
    expect(() => readShareFragment(`#nb=1.${b64url(deflateSync(strToU8(newer)))}`)).toThrow(
      expect.objectContaining({ code: 'newer-version' }),
    );
  });

  it('stops unpacking a link that would inflate beyond the limit', () => {
    const bomb = deflateSync(new Uint8Array(50_000_000), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => readShareFragment(`#nb=1.${b64url(bomb)}`)).toThrow(
      expect.objectContaining({ code: 'too-large' }),
    );
  });
});

describe('typed cut points in a share link', () => {
  it("keeps a value tiers cell's fixed value cuts", () => {
    const cell = {
      id: 'v',
      kind: 'preset' as const,
      presetId: 'value-tiers',
      params: { mode: 'rank', valueCuts: '300, 1200.5' },
      name: 'value_tiers',
      strategies: {},
    };
    const nb = readShareFragment(shareFragment({ ...notebook, cells: [cell] }));
    expect(nb.cells[0]).toEqual(cell);
  });
});
