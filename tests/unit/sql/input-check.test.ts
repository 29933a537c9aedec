import { describe, expect, it } from 'vitest';
import { LocalizedError } from '../../../src/domain/localized-error';
import { requireDate, requireInteger, requireName } from '../../../src/sql/input-check';

describe('input checks', () => {
  it('accepts real calendar dates only', () => {
    expect(requireDate('2024-02-29', 'date', '日期')).toBe('2024-02-29');
    expect(() => requireDate('2023-02-29', 'cut-off', '基准日')).toThrow(
      /The cut-off must be a date like 2024-06-30, not "2023-02-29"[\s\S]*基准日必须是/,
    );
    expect(() => requireDate(20240101, 'date', '日期')).toThrow(/not "20240101"/);
  });

  it('accepts whole numbers in range and non-blank names', () => {
    expect(requireInteger(0, 0, 5, 'n', '数')).toBe(0);
    expect(() => requireInteger(6, 0, 5, 'n', '数')).toThrow(/from 0 to 5, not 6/);
    expect(() => requireInteger(Number.NaN, 0, 5, 'n', '数')).toThrow(/数必须是 0 到 5 之间的整数/);
    expect(requireName('x', 'table', '表')).toBe('x');
    expect(() => requireName('  ', 'table', '表')).toThrow(/Choose the table\.\n请选择表。/);
    expect(() => requireName('', 'table', '表')).toThrow(LocalizedError);
  });
});
