import { utils, write } from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../../src/ingest/load-error';
import { openWorkbook, readSheet } from '../../../src/ingest/read-excel';
import { declaredSheetBytes, MAX_SHEET_XML } from '../../../src/ingest/workbook-limits';
import { declareZipEntry } from '../../support/zip-declare';

function book(aoa: unknown[][]): Uint8Array {
  const wb = utils.book_new();
  utils.book_append_sheet(wb, utils.aoa_to_sheet(aoa), 'Data');
  return new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx', compression: true }));
}

const error = (run: () => unknown): LoadError => {
  try {
    run();
  } catch (e) {
    if (e instanceof LoadError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('workbook limits', () => {
  it('reads the sheet XML size a workbook declares, without inflating it', () => {
    const bytes = book([['id'], [1]]);
    const declared = declaredSheetBytes(bytes);
    // The sheet alone is a few hundred bytes of XML.
    expect(declared).toBeGreaterThan(100);
    expect(declared).toBeLessThan(5000);
    expect(declaredSheetBytes(new TextEncoder().encode('id\n1\n'))).toBeNull();
  });

  it('refuses a workbook whose sheet declares 300 MB, before SheetJS parses it', () => {
    const bomb = declareZipEntry(book([['id'], [1]]), 'xl/worksheets/sheet1.xml', 300 * 1024 ** 2);
    const e = error(() => openWorkbook(bomb, 'cells.xlsx'));
    expect(e.code).toBe('too-big');
    expect(e.messages.en).toMatch(/^"cells\.xlsx" \([\d.]+ KB\) unpacks to 300 MB of sheet data/);
    expect(e.hint.en).toMatch(/Save the sheet as CSV/);
    expect(MAX_SHEET_XML).toBeLessThan(300 * 1024 ** 2);
  });

  it('says a sheet of spaces has no values, not that it has no data rows', () => {
    const workbook = openWorkbook(
      book([
        [' ', '  '],
        ['\t', ' '],
      ]),
      'blank.xlsx',
    );
    const e = error(() => readSheet(workbook, 'Data'));
    expect(e.code).toBe('no-rows');
    expect(e.messages.en).toBe(
      '"blank.xlsx", sheet "Data", has no values: its cells are empty or hold only spaces.',
    );
  });
});
