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
});
