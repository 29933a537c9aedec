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
});
