import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from '../../../src/ingest/sniff-delimiter';

describe('sniffDelimiter', () => {
  it('ignores delimiters inside quotes', () => {
    const text = 'id,name,amount\n1,"Smith, John","1,234.50"\n2,"Lee; Kim",88\n';
    expect(sniffDelimiter(text)).toEqual({
      delimiter: ',',
      confidence: 'high',
      firstRecord: ['id', 'name', 'amount'],
      hasHeader: true,
      unclosedQuoteLine: null,
    });
  });

  it('finds semicolons, tabs and pipes', () => {
    expect(
      sniffDelimiter('id;datum;betrag\n1;13.01.2024;1.234,50\n2;25.01.2024;99,90\n').delimiter,
    ).toBe(';');
    expect(sniffDelimiter('id\tname\n1\tAnn, B\n2\tBen\n').delimiter).toBe('\t');
    expect(sniffDelimiter('id|name|amount\n1|Ann|"1,000"\n2|Ben|2500.75\n').delimiter).toBe('|');
  });

  it('keeps a line break inside quotes within its record', () => {
    const text = 'id,note\r\n1,"line one\r\nline two"\r\n2,ok\r\n';
    const guess = sniffDelimiter(text);
    expect(guess).toMatchObject({
      delimiter: ',',
      confidence: 'high',
      firstRecord: ['id', 'note'],
    });
  });

  it('unquotes the first record, doubled quotes included', () => {
    const text = '"a ""quoted"" name","""; DROP TABLE x; --",<img src=x onerror=alert(1)>\n1,2,3\n';
    expect(sniffDelimiter(text).firstRecord).toEqual([
      'a "quoted" name',
      '"; DROP TABLE x; --',
      '<img src=x onerror=alert(1)>',
    ]);
  });

  it('says when the first record is data, not a header', () => {
    expect(sniffDelimiter('1,2024-01-05,12.5\n2,2024-01-06,8\n').hasHeader).toBe(false);
    expect(sniffDelimiter('1,"¥1,234"\n2,¥5\n').hasHeader).toBe(false);
    expect(sniffDelimiter('客户ID,金额\nC001,5\n').hasHeader).toBe(true);
  });

  it('falls back to comma with low confidence for one column', () => {
    expect(sniffDelimiter('name\nAnn\nBen\n')).toMatchObject({
      delimiter: ',',
      confidence: 'low',
      firstRecord: ['name'],
    });
  });

  it('rates inconsistent field counts lower', () => {
    const text = 'a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11\n12\n';
    expect(sniffDelimiter(text)).toMatchObject({ delimiter: ',', confidence: 'medium' });
  });

  it('ignores a cut-off last record when the text is only the start of the file', () => {
    const head = 'a;b;c\n1;2;3\n4;5';
    expect(sniffDelimiter(head, { complete: false }).confidence).toBe('high');
    expect(sniffDelimiter(head, { complete: true }).confidence).toBe('medium');
    expect(sniffDelimiter('a,b,c', { complete: false }).firstRecord).toEqual(['a', 'b', 'c']);
  });

  it('reports the line of a quote that never closes', () => {
    const text = 'id,name\r\n1,"Smith, J"\r\n2,"Unclosed\r\n3,Ok\r\n';
    expect(sniffDelimiter(text).unclosedQuoteLine).toBe(3);
    expect(sniffDelimiter(text, { complete: false }).unclosedQuoteLine).toBeNull();
    const longRun = 'id,note\n1,"open\n' + 'more\n'.repeat(150);
    expect(sniffDelimiter(longRun, { complete: false }).unclosedQuoteLine).toBe(2);
  });

  it('uses the delimiter the user chose', () => {
    const guess = sniffDelimiter('a;b,c\n1;2,3\n', { delimiter: ';' });
    expect(guess).toMatchObject({ delimiter: ';', firstRecord: ['a', 'b,c'] });
  });

  it('finds columns aligned with runs of spaces, and a first line that is data', () => {
    const master = ' customer_id date number_of_cds  dollar_value\r\n 00001 19970101  1  11.77\r\n';
    expect(sniffDelimiter(master)).toMatchObject({
      delimiter: 'whitespace',
      firstRecord: ['customer_id', 'date', 'number_of_cds', 'dollar_value'],
      hasHeader: true,
    });
    const sample = '   00004   0001 19970101  2  29.33\r\n   00004   0001 19970118  2  29.73\r\n';
    expect(sniffDelimiter(sample)).toMatchObject({ delimiter: 'whitespace', hasHeader: false });
    // A comma file with spaces in its values stays a comma file; one column of names stays one.
    expect(sniffDelimiter('name,city\nAnn Lee,New York\nBo Li,Hong Kong\n').delimiter).toBe(',');
    expect(sniffDelimiter('name\nAnn Lee\nBo Li\n').delimiter).toBe(',');
    expect(sniffDelimiter('first name\n').delimiter).toBe(',');
    // Chosen by the user: quoted values keep their spaces.
    expect(sniffDelimiter('a  "b c"\n', { delimiter: 'whitespace' }).firstRecord).toEqual([
      'a',
      'b c',
    ]);
  });
});
