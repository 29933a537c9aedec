import { describe, expect, it } from 'vitest';
import { formatNumber, formatPoints, formatShare } from '../../../src/components/format-number';

describe('formatNumber', () => {
  it('writes large Chinese numbers in 万 and 亿', () => {
    expect(formatNumber(959530.9, 'zh-CN')).toBe('95.95万');
    expect(formatNumber(123_456_789, 'zh-CN')).toBe('1.23亿');
    expect(formatNumber(-20000, 'zh-CN')).toBe('-2万');
    expect(formatNumber(5000, 'zh-CN')).toBe('5,000');
  });

  it('groups English numbers and drops decimals from 100 up', () => {
    expect(formatNumber(959530.9, 'en')).toBe('959,531');
    expect(formatNumber(12.345, 'en')).toBe('12.35');
    expect(formatNumber(457.50000000000006, 'en')).toBe('458');
  });

  it('writes shares and percentage points per language', () => {
    expect(formatShare(0.1234, 'en')).toBe('12.3%');
    expect(formatPoints(2.43, 'en')).toBe('2.4 pp');
    expect(formatPoints(2.43, 'zh-CN')).toBe('2.4 个百分点');
  });
});
