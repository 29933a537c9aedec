import { describe, expect, it } from 'vitest';
import { parseShare } from '../../../src/io/share-input';

describe('parseShare', () => {
  it('reads 90, 90% and 0.9 as the same share, saying how it read each', () => {
    expect(parseShare('90')).toEqual({ value: 0.9, as: 'percent' });
    expect(parseShare(' 90 % ')).toEqual({ value: 0.9, as: 'percent' });
    expect(parseShare('90％')).toEqual({ value: 0.9, as: 'percent' });
    expect(parseShare('0.9')).toEqual({ value: 0.9, as: 'fraction' });
    expect(parseShare('.9')).toEqual({ value: 0.9, as: 'fraction' });
    expect(parseShare('10')).toEqual({ value: 0.1, as: 'percent' });
    expect(parseShare('12.5%')).toEqual({ value: 0.125, as: 'percent' });
  });

  it('reads 1 as the whole and 1% as a percentage', () => {
    expect(parseShare('1')).toEqual({ value: 1, as: 'fraction' });
    expect(parseShare('1%')).toEqual({ value: 0.01, as: 'percent' });
    expect(parseShare('100')).toEqual({ value: 1, as: 'percent' });
  });

  it('refuses what is not a share', () => {
    for (const bad of ['', 'abc', '-5', '150', '150%', '1e2', '9 0', '%']) {
      expect(parseShare(bad)).toBeNull();
    }
  });
});
