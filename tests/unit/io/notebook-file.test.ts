import { describe, expect, it } from 'vitest';
import { parseNotebook, serializeNotebook } from '../../../src/io/notebook-file';
import type { Notebook } from '../../../src/model/notebook';

const notebook: Notebook = {
  version: 1,
  title: '客户分层 demo',
  cells: [
    { id: 'a', kind: 'markdown', source: '# Hi' },
    { id: 'b', kind: 'sql', source: 'SELECT 1', name: 'one' },
    {
      id: 'c',
      kind: 'preset',
      presetId: 'rfm',
      params: { recencyBins: 5 },
      name: 'rfm_segments',
      strategies: { 重要价值客户: 'VIP 专属服务' },
      view: {
        tab: 'shares',
        chart: 'bar',
        form: 'hidden',
        segments: 'pivot',
        pivot: { rows: ['segment'], column: 'r_score', value: 'monetary', aggregate: 'avg' },
      },
    },
    {
      id: 'd',
      kind: 'predict',
      name: 'clv_predictions',
      calibrationEnd: '2024-06-30',
      unit: 'weeks',
      horizonMonths: 12,
      monthlyDiscountRate: 0.01,
      margin: 0.3,
      model: 'pareto-nbd',
      compare: true,
    },
  ],
  tables: [
    {
      table: 'orders',
      fileName: 'orders.csv',
      origin: 'sample',
      columns: ['id'],
      pivot: { rows: ['category'], column: null, value: 'amount', aggregate: 'sum' },
    },
  ],
  mappings: [{ table: 'orders', kind: 'orders', columns: { customerId: 'id' } }],
  asOf: '2025-01-01',
  lang: 'zh-CN',
  present: { logo: 'data:image/png;base64,iVBORw0KGgo=', subtitle: 'Prepared for ACME' },
};

describe('notebook file', () => {
  it('round-trips a notebook', () => {
    expect(parseNotebook(serializeNotebook(notebook))).toEqual(notebook);
  });

  it('keeps a BG/BB Predict cell with its period, and drops an unknown period', () => {
    const file = JSON.parse(serializeNotebook(notebook));
    file.cells[3].model = 'bgbb';
    file.cells[3].period = 'quarter';
    expect(parseNotebook(JSON.stringify(file)).cells[3]).toMatchObject({
      model: 'bgbb',
      period: 'quarter',
    });
    file.cells[3].period = 'fortnight';
    expect(parseNotebook(JSON.stringify(file)).cells[3]).not.toHaveProperty('period');
  });

  it('leaves out a logo that is not an image data URL, and unknown chart settings', () => {
    const file = JSON.parse(serializeNotebook(notebook));
    file.present.logo = 'https://evil.example/pixel.png';
    file.cells[2].view = { chart: 'pie', tab: 3, form: 'folded' };
    const parsed = parseNotebook(JSON.stringify(file));
    expect(parsed.present).toEqual({ subtitle: 'Prepared for ACME' });
    expect(parsed.cells[2]).not.toHaveProperty('view');
  });

  it('drops a damaged pivot choice of a table or a segmentation, keeps the rest', () => {
    const file = JSON.parse(serializeNotebook(notebook));
    file.tables[0].pivot = { rows: 'category', aggregate: 'median', value: 7 };
    file.cells[2].view.pivot = 'rows';
    file.cells[2].view.segments = 'chart';
    const parsed = parseNotebook(JSON.stringify(file));
    expect(parsed.tables[0]).not.toHaveProperty('pivot');
    expect(parsed.cells[2]).toMatchObject({ view: { tab: 'shares', chart: 'bar' } });
    expect((parsed.cells[2] as { view: object }).view).not.toHaveProperty('pivot');
    expect((parsed.cells[2] as { view: object }).view).not.toHaveProperty('segments');
  });

  it('names what is wrong with a bad file', () => {
    expect(() => parseNotebook('{oops')).toThrow(expect.objectContaining({ code: 'not-json' }));
    expect(() => parseNotebook('{"cells": []}')).toThrow(
      expect.objectContaining({ code: 'not-notebook' }),
    );
    expect(() => parseNotebook('{"format":"seglab-notebook","version":9,"cells":[]}')).toThrow(
      expect.objectContaining({ code: 'newer-version' }),
    );
    expect(() =>
      parseNotebook(
        '{"format":"seglab-notebook","version":1,"cells":[{"id":"x","kind":"py","source":""}]}',
      ),
    ).toThrow(expect.objectContaining({ code: 'damaged' }));
  });
});

describe('notebook file limits and checks', () => {
  const file = (nb: Partial<Notebook>) =>
    JSON.stringify({ format: 'seglab-notebook', version: 1, cells: [], ...nb });
  const error = (text: string) => {
    try {
      parseNotebook(text);
    } catch (e) {
      return [(e as { code: string }).code, (e as Error).message];
    }
    return null;
  };

  it('refuses duplicate cell ids and unknown segmentations', () => {
    const md = { id: 'a', kind: 'markdown' as const, source: '' };
    expect(error(file({ cells: [md, md] }))).toEqual([
      'damaged',
      'cell 2 has the id of an earlier cell',
    ]);
    const preset = {
      id: 'p',
      kind: 'preset' as const,
      presetId: 'nope',
      params: {},
      name: 'x',
      strategies: {},
    };
    expect(error(file({ cells: [preset] }))).toEqual([
      'damaged',
      'cell 1 uses an unknown segmentation',
    ]);
  });

  it('names a "__proto__" key, wherever it is, instead of overflowing the stack later', () => {
    const proto = 'it has a "__proto__" key';
    const top = '{"format":"seglab-notebook","version":1,"cells":[],"__proto__":{"cells":1}}';
    expect(error(top)).toEqual(['damaged', proto]);
    const inParams =
      '{"format":"seglab-notebook","version":1,"cells":[{"id":"p","kind":"preset","presetId":"rfm","name":"r","params":{"__proto__":{"recencyBins":5}}}]}';
    expect(error(inParams)).toEqual(['damaged', proto]);
    // The text "__proto__" as a value, or inside a key, is fine.
    const md =
      '{"format":"seglab-notebook","version":1,"cells":[{"id":"__proto__","kind":"markdown","source":"__proto__"}],"x__proto__":1}';
    expect(error(md)).toBeNull();
  });

  it('refuses table names SegLab cannot use, as for bundles', () => {
    const table = (name: string) => ({
      table: name,
      fileName: 'x.csv',
      origin: 'file' as const,
      columns: [],
    });
    expect(error(file({ tables: [table('__seglab_cell_c0')] }))).toEqual([
      'damaged',
      'table "__seglab_cell_c0" has a name SegLab or DuckDB uses itself',
    ]);
    expect(error(file({ tables: [table('customer_features')] }))?.[0]).toBe('damaged');
    expect(error(file({ tables: [table('')] }))).toEqual(['damaged', 'a table has an empty name']);
    expect(error(file({ tables: [table('x'.repeat(5000))] }))?.[1]).toMatch(/5000 characters/);
    expect(error(file({ tables: [table('订单 "2024"')] }))).toBeNull();
  });

  it('refuses what would freeze the page: too many cells, huge cells, huge markdown tables', () => {
    const cells = Array.from({ length: 301 }, (_, i) => ({
      id: `c${i}`,
      kind: 'markdown' as const,
      source: '',
    }));
    expect(error(file({ cells }))).toEqual(['too-large', '301 cells']);
    const long = { id: 'l', kind: 'sql' as const, source: 'x'.repeat(100_001) };
    expect(error(file({ cells: [long] }))).toEqual(['too-large', 'cell 1 has 100001 characters']);
    const row = `|${' a |'.repeat(450)}`;
    const table = { id: 't', kind: 'markdown' as const, source: Array(40).fill(row).join('\n') };
    expect(error(file({ cells: [table] }))).toEqual([
      'too-large',
      'cell 1 has a table of 40 rows and 450 columns',
    ]);
    const wide = `|${' a |'.repeat(40)}`;
    const many = { id: 't', kind: 'markdown' as const, source: Array(126).fill(wide).join('\n') };
    expect(error(file({ cells: [many] }))).toEqual([
      'too-large',
      'cell 1 has tables of 5040 cells',
    ]);
    expect(error(' '.repeat(4_000_001))).toEqual(['too-large', '4000001 characters']);
  });

  it('keeps only mappings of a known kind, with roles of that kind', () => {
    const nb = parseNotebook(
      file({
        mappings: [
          { table: 'o', kind: 'orders', columns: { customerId: 'c', province: 1, bogus: 'x' } },
          { table: 'x', kind: 'weird', columns: {} },
          { table: 'y', kind: 'customers' },
        ] as never,
      }),
    );
    expect(nb.mappings).toEqual([{ table: 'o', kind: 'orders', columns: { customerId: 'c' } }]);
  });
});

describe('typed cut points in a saved notebook', () => {
  it("keeps a value tiers cell's fixed value cuts", () => {
    const cell = {
      id: 'v',
      kind: 'preset' as const,
      presetId: 'value-tiers',
      params: { mode: 'rank', valueCuts: '300, 1200.5' },
      name: 'value_tiers',
      strategies: {},
    };
    const nb = parseNotebook(serializeNotebook({ ...notebook, cells: [cell] }));
    expect(nb.cells[0]).toEqual(cell);
  });
});
