import { describe, expect, it } from 'vitest';
import { csvPreflight } from '../../../src/ingest/csv-preflight';
import { LoadError } from '../../../src/ingest/load-error';

describe('csvPreflight', () => {
  it('gives the delimiter and sanitized column names', () => {
    const result = csvPreflight('id;name;name;\n1;a;b;c\n', 'a.csv', { complete: true });
    expect(result.guess.delimiter).toBe(';');
    expect(result.hasHeader).toBe(true);
    expect(result.columns.names).toEqual(['id', 'name', 'name_2', 'column_4']);
  });

  it('names columns by position when the first line is data', () => {
    const result = csvPreflight('1,2024-01-05,12.5\n2,2024-01-06,8\n', 'a.csv', { complete: true });
    expect(result.hasHeader).toBe(false);
    expect(result.columns.names).toEqual(['column_1', 'column_2', 'column_3']);
    // Named by position is no rename: nothing to warn about.
    expect(result.columns.warnings).toEqual([]);
    const forced = csvPreflight('1,2\n3,4\n', 'a.csv', { complete: true, hasHeader: true });
    expect(forced.columns.names).toEqual(['1', '2']);
  });

  it('follows the delimiter the user picked', () => {
    const result = csvPreflight('a|b,c\n1|2,3\n', 'a.csv', { complete: true, delimiter: '|' });
    expect(result.columns.names).toEqual(['a', 'b,c']);
  });

  it('refuses a quote that never closes, naming the line', () => {
    const text = 'id,name\n1,"Smith, J"\n2,"Unclosed\n3,Ok\n';
    const error = (() => {
      try {
        csvPreflight(text, 'q.csv', { complete: true });
      } catch (e) {
        return e;
      }
    })() as LoadError;
    expect(error).toBeInstanceOf(LoadError);
    expect(error).toMatchObject({ code: 'unclosed-quote', row: 3, file: 'q.csv' });
    expect(error.messages.en).toContain('"q.csv" line 3: a quote (") opens here');
    expect(error.messages.zh).toContain('第 3 行');
    expect(error.hint.en).toContain('Fix line 3');
  });
});
