import { describe, expect, it } from 'vitest';
import { CellFocus } from '../../../src/state/CellFocus.svelte';

describe('CellFocus', () => {
  it('selects a segment and a place per cell; selecting one again clears it', () => {
    const f = new CellFocus();
    expect(f.of('a')).toEqual({});
    f.toggleSegment('a', "O'Core");
    f.togglePlace('a', { level: 'province', value: '广东' });
    expect(f.of('a')).toEqual({ segment: "O'Core", place: { level: 'province', value: '广东' } });
    expect(f.of('b')).toEqual({});
    f.toggleSegment('a', "O'Core");
    expect(f.of('a')).toEqual({ place: { level: 'province', value: '广东' } });
    f.togglePlace('a', { level: 'city', value: '广东' });
    expect(f.of('a')).toEqual({ place: { level: 'city', value: '广东' } });
    f.clear('a');
    expect(f.of('a')).toEqual({});
  });

  it('keeps brushed ranges beside a segment; the same ranges again are not a change', () => {
    const f = new CellFocus();
    const label = { en: 'Spend', zh: '消费额' };
    const ranges = [{ column: 'value', min: 120, max: 900, label }];
    f.toggleSegment('a', 'Core');
    f.setRanges('a', ranges);
    const set = f.of('a');
    expect(set).toEqual({ segment: 'Core', ranges });
    f.setRanges('a', [{ ...ranges[0]! }]);
    expect(f.of('a')).toBe(set);
    f.setRanges('a', [{ ...ranges[0]!, max: 901 }]);
    expect(f.of('a').ranges?.[0]?.max).toBe(901);
    f.setRanges('a', null);
    expect(f.of('a')).toEqual({ segment: 'Core' });
    f.setRanges('a', []);
    expect(f.of('a')).toEqual({ segment: 'Core' });
  });
});
