import { describe, expect, it } from 'vitest';
import { warmUpCsv } from '../../../src/engine/warm-up';

describe('warmUpCsv', () => {
  it('writes 100k orders of 5k customers as CSV text', () => {
    const lines = new TextDecoder().decode(warmUpCsv()).trimEnd().split('\n');
    expect(lines[0]).toBe('order_id,customer_id,order_date,amount');
    expect(lines).toHaveLength(100_001);
    expect(lines[1]).toMatch(/^O\d{6},C\d{4},2023-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d+\.\d{2}$/);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[1])).size).toBe(4999);
  });
});
