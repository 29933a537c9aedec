import { describe, expect, it } from 'vitest';
import { keepSameRows } from '../../../src/transforms/keep-same-rows';

const key = (r: { id: string }) => r.id;

describe('keepSameRows', () => {
  it('keeps the earlier object of a row whose fields are all equal, and takes changed rows', () => {
    const a = { id: 'a', segment: 'Core', n: 1 };
    const b = { id: 'b', segment: 'Core', n: 2 };
    const next = [
      { id: 'b', segment: 'Core', n: 2 },
      { id: 'a', segment: 'Low priority', n: 1 },
      { id: 'c', segment: 'Core', n: 3 },
    ];
    const out = keepSameRows([a, b], next, key);
    expect(out[0]).toBe(b);
    expect(out[1]).toBe(next[1]);
    expect(out[2]).toBe(next[2]);
    expect(out).toEqual(next);
  });

  it('takes a row with a field more or less, and tells NaN and -0 apart as Object.is does', () => {
    const prev = [{ id: 'a', x: NaN }, { id: 'b', x: 0 }, { id: 'c' }];
    const next = [
      { id: 'a', x: NaN },
      { id: 'b', x: -0 },
      { id: 'c', x: 1 },
    ];
    const out = keepSameRows<{ id: string; x?: number }>(prev, next, key);
    expect(out[0]).toBe(prev[0]);
    expect(out[1]).toBe(next[1]);
    expect(out[2]).toBe(next[2]);
  });
});
