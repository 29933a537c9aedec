import { describe, expect, it } from 'vitest';
import { LocalizedError } from '../../../src/domain/localized-error';
import { LoadError } from '../../../src/ingest/load-error';
import { ClvInputError } from '../../../src/model/clv/clv-input-error';
import { errorText } from '../../../src/model/error-text';
import { SqlCellError } from '../../../src/model/sql-error';
import { ClvSummaryError } from '../../../src/sql/clv-summary';

describe('errorText', () => {
  it('picks the language of a LocalizedError', () => {
    const e = new LocalizedError({ en: 'Choose a column', zh: '请选择列' });
    expect(errorText(e, 'zh-CN')).toBe('请选择列');
    expect(errorText(e, 'en')).toBe('Choose a column');
  });

  it('picks the language of every LocalizedError subclass', () => {
    const labels = { en: 'Too few buyers', zh: '购买客户太少' };
    const load = new LoadError({
      code: 'empty',
      file: 'e.csv',
      messages: { en: '"e.csv" is empty.', zh: '“e.csv”是空文件。' },
      hint: { en: 'Export it again.', zh: '请重新导出。' },
    });
    const sql = new SqlCellError({ message: 'Table "x" does not exist' }, new Error('raw'));
    const cases: [LocalizedError, string, string][] = [
      [new ClvInputError(labels), 'Too few buyers', '购买客户太少'],
      [new ClvSummaryError(labels), 'Too few buyers', '购买客户太少'],
      [load, '"e.csv" is empty.', '“e.csv”是空文件。'],
      [sql, 'Table "x" does not exist', 'Table "x" does not exist'],
    ];
    for (const [e, en, zh] of cases) {
      expect(e).toBeInstanceOf(LocalizedError);
      expect(errorText(e, 'en')).toBe(en);
      expect(errorText(e, 'zh-CN')).toBe(zh);
    }
    expect(load.messages).toBe(load.labels);
  });

  it('reads any error that carries labels', () => {
    const e = Object.assign(new Error('x'), {
      labels: { en: 'Too few buyers', zh: '购买客户太少' },
    });
    expect(errorText(e, 'zh-CN')).toBe('购买客户太少');
  });

  it('shows a plain message as it is, in either language', () => {
    const e = new Error('Orders table "o": choose the Amount column.\n订单表“o”：请选择“金额”列。');
    expect(errorText(e, 'en')).toBe(e.message);
    expect(errorText(e, 'zh-CN')).toBe(e.message);
  });

  it('leaves other messages alone, including DuckDB errors quoting Chinese names', () => {
    const e = new Error('Binder Error: column "金额" not found\nLINE 1: SELECT 金额');
    expect(errorText(e, 'zh-CN')).toBe(e.message);
    expect(errorText('plain', 'en')).toBe('plain');
  });
});
