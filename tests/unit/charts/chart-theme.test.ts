import { describe, expect, it } from 'vitest';
import { wrapText } from '../../../src/charts/chart-theme';

describe('wrapText', () => {
  it('breaks English at spaces and Chinese anywhere, within the width', () => {
    const en = wrapText(
      'Customers moving from a segment (row) to a segment (column); % of the row.',
      280,
      13,
    );
    expect(en.length).toBeGreaterThan(1);
    expect(en.join(' ')).toBe(
      'Customers moving from a segment (row) to a segment (column); % of the row.',
    );
    for (const line of en) expect(line.length * 0.55 * 13).toBeLessThanOrEqual(280);
    const zh = wrapText('从原分群（行）迁移到新分群（列）的客户；百分比为占该行的比例。', 200, 13);
    expect(zh.join('')).toBe('从原分群（行）迁移到新分群（列）的客户；百分比为占该行的比例。');
    for (const line of zh) expect(line.length * 13).toBeLessThanOrEqual(200);
    expect(wrapText('Short', 280, 13)).toEqual(['Short']);
  });

  it('never starts a Chinese line with punctuation', () => {
    // 13 characters of 13px fit in 170px: the full stop would be alone on the second line.
    const text = '针对在数据结束前七个季度首次购买的客户。';
    const plain = wrapText(text.slice(0, 13), 170, 13);
    expect(plain).toEqual([text.slice(0, 13)]);
    const lines = wrapText(text.slice(0, 13) + '。', 170, 13);
    expect(lines.join('')).toBe(text.slice(0, 13) + '。');
    expect(lines[1]).toBe(text.slice(12, 13) + '。');
  });
});
