import { utils, write } from '@e965/xlsx';
import { tableFromIPC } from 'apache-arrow';
import { expect, it } from 'vitest';
import { LoadError } from '../../../src/ingest/load-error';
import { openWorkbookReader } from '../../../src/ingest/workbook-reader';

it('openWorkbookReader (no Worker in Node): sheets first, then the chosen sheet as Arrow', async () => {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet([['note'], ['from the ERP']]), 'Info');
  utils.book_append_sheet(
    book,
    utils.aoa_to_sheet([['Report'], [], ['id', 'qty', 'price'], ['A1', '3', 2.5], ['A2', '4', 1]]),
    'Orders',
  );
  const data = new Uint8Array(write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
  const progress: (number | null)[] = [];
  const reader = await openWorkbookReader(data, 'export.xlsx', (f) => progress.push(f));
  expect(reader.sheets.map((s) => s.name)).toEqual(['Info', 'Orders']);
  const sheet = await reader.read('Orders');
  expect(sheet).toMatchObject({ columns: ['id', 'qty', 'price'], rowCount: 2, headerRow: 3 });
  const table = tableFromIPC(sheet.ipc);
  expect(table.getChild('qty')?.toArray()).toEqual(['3', '4']);
  expect([...(table.getChild('price')?.toArray() ?? [])]).toEqual([2.5, 1]);
  expect(progress[0]).toBeNull();
  expect(progress.at(-1)).toBe(1);
  await expect(reader.read('Nope')).rejects.toBeInstanceOf(LoadError);
  reader.close();
});
