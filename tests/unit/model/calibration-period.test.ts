import { describe, expect, it } from 'vitest';
import { calibrationPeriod } from '../../../src/model/calibration-period';

describe('calibrationPeriod', () => {
  it('keeps the last third (at most a year) as holdout by default', () => {
    // 2023-01-01 .. 2024-12-31 is 730 days: a third is 243 days.
    expect(calibrationPeriod('2023-01-01', '2024-12-31', '')).toEqual({
      calibrationEnd: '2024-05-02',
      holdoutEnd: '2024-12-31',
    });
    // Six years of data: the holdout is capped at 365 days.
    expect(calibrationPeriod('2019-01-01', '2024-12-31', '')).toEqual({
      calibrationEnd: '2024-01-01',
      holdoutEnd: '2024-12-31',
    });
  });

  it('honours a chosen end, with no holdout at or after the last order', () => {
    expect(calibrationPeriod('1997-01-01', '1998-06-30', '1997-09-30')).toEqual({
      calibrationEnd: '1997-09-30',
      holdoutEnd: '1998-06-30',
    });
    expect(calibrationPeriod('1997-01-01', '1998-06-30', '1999-01-01')).toEqual({
      calibrationEnd: '1998-06-30',
      holdoutEnd: null,
    });
    expect(calibrationPeriod('2024-01-01', '2024-01-01', '')).toEqual({
      calibrationEnd: '2024-01-01',
      holdoutEnd: null,
    });
  });

  it('explains a chosen end it cannot use', () => {
    expect(() => calibrationPeriod('2024-01-01', '2024-12-31', '2023-05-01')).toThrow(
      /before the first order/,
    );
    expect(() => calibrationPeriod('2024-01-01', '2024-12-31', '5/1/2024')).toThrow(/YYYY-MM-DD/);
  });
});
