import { describe, expect, it } from 'vitest';
import { parseNotebook, serializeNotebook } from '../../../src/model/notebook-file';
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
      view: { tab: 'shares', chart: 'bar' },
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
    },
  ],
  tables: [{ table: 'orders', fileName: 'orders.csv', origin: 'sample', columns: ['id'] }],
  mappings: [{ table: 'orders', kind: 'orders', columns: { customerId: 'id' } }],
  asOf: '2025-01-01',
  lang: 'zh-CN',
  present: { logo: 'data:image/png;base64,iVBORw0KGgo=', subtitle: 'Prepared for ACME' },
};

describe('notebook file', () => {
  it('round-trips a notebook', () => {
    expect(parseNotebook(serializeNotebook(notebook))).toEqual(notebook);
  });

  it('leaves out a logo that is not an image data URL, and unknown chart settings', () => {
    const file = JSON.parse(serializeNotebook(notebook));
    file.present.logo = 'https://evil.example/pixel.png';
    file.cells[2].view = { chart: 'pie', tab: 3 };
    const parsed = parseNotebook(JSON.stringify(file));
    expect(parsed.present).toEqual({ subtitle: 'Prepared for ACME' });
    expect(parsed.cells[2]).not.toHaveProperty('view');
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
