import { describe, expect, it } from 'vitest';
import { errorText, LocalizedError } from '../../../src/model/error-text';

describe('errorText', () => {
  it('picks the language of a LocalizedError', () => {
    const e = new LocalizedError({ en: 'Choose a column', zh: '请选择列' });
    expect(errorText(e, 'zh-CN')).toBe('请选择列');
    expect(errorText(e, 'en')).toBe('Choose a column');
  });

  it('reads any error that carries labels', () => {
    const e = Object.assign(new Error('x'), {
      labels: { en: 'Too few buyers', zh: '购买客户太少' },
    });
    expect(errorText(e, 'zh-CN')).toBe('购买客户太少');
  });

  it('splits an English-then-Chinese message', () => {
    const e = new Error('Orders table "o": choose the Amount column.\n订单表“o”：请选择“金额”列。');
    expect(errorText(e, 'en')).toBe('Orders table "o": choose the Amount column.');
    expect(errorText(e, 'zh-CN')).toBe('订单表“o”：请选择“金额”列。');
  });

  it('leaves other messages alone, including DuckDB errors quoting Chinese names', () => {
    const e = new Error('Binder Error: column "金额" not found\nLINE 1: SELECT 金额');
    expect(errorText(e, 'zh-CN')).toBe(e.message);
    expect(errorText('plain', 'en')).toBe('plain');
  });
});
