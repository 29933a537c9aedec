import { describe, expect, it } from 'vitest';
import { orderSegments } from '../../../src/model/segment-order';

describe('orderSegments', () => {
  it("puts a result's segments in the preset's order, unknown ones after as they came", () => {
    const defined = ['Core', 'Grow loyalty', 'Increase spend', 'Low priority', 'Prospects'];
    expect(
      orderSegments(['Low priority', 'Other', 'Core', 'Zeta', 'Increase spend'], defined),
    ).toEqual(['Core', 'Increase spend', 'Low priority', 'Other', 'Zeta']);
    expect(orderSegments(['b', 'a'], [])).toEqual(['b', 'a']);
  });
});
