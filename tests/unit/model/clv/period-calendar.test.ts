import { describe, expect, it } from 'vitest';
import { periodIndex, periodStart, wholePeriods } from '../../../../src/model/clv/period-calendar';

describe('period calendar', () => {
  it('counts calendar months, quarters and years from the first order’s period', () => {
    expect(periodIndex('1997-01-15', '1997-01-01', 'month')).toBe(0);
    expect(periodIndex('1997-01-15', '1998-06-30', 'month')).toBe(17);
    // 1997-02-10 is in Q1 1997; 1997-04-01 opens Q2; 1998-03-31 is still Q1 1998.
    expect(periodIndex('1997-02-10', '1997-04-01', 'quarter')).toBe(1);
    expect(periodIndex('1997-02-10', '1998-03-31', 'quarter')).toBe(4);
    expect(periodIndex('1995-06-15', '2001-12-31', 'year')).toBe(6);
    expect(periodStart('1997-02-10', 'quarter')).toBe('1997-01-01');
    expect(periodStart('1997-11-10', 'quarter')).toBe('1997-10-01');
    expect(periodStart('1995-06-15', 'year')).toBe('1995-01-01');
    expect(periodStart('1997-11-10', 'month')).toBe('1997-11-01');
  });

  it('counts only the periods that have ended by the end day', () => {
    expect(wholePeriods('1997-01-01', '1997-09-30', 'month')).toBe(9);
    expect(wholePeriods('1997-01-01', '1997-09-29', 'month')).toBe(8);
    expect(wholePeriods('1997-01-01', '1998-06-30', 'quarter')).toBe(6);
    expect(wholePeriods('1997-01-01', '1997-12-30', 'year')).toBe(0);
    expect(wholePeriods('1995-06-15', '2001-12-31', 'year')).toBe(7);
  });

  it('names a date it cannot read', () => {
    expect(() => wholePeriods('1997/01/01', '1997-09-30', 'month')).toThrow(/YYYY-MM-DD/);
  });
});
