import { describe, expect, it } from 'vitest';
import { PROFILE_FEATURES } from '../../../src/model/profile-features';
import { PROFILE_SHORT_WORDS } from '../../../src/model/profile-short-words';
import {
  describeSegment,
  shortDescription,
  type ProfileTrait,
} from '../../../src/model/segment-description';

const num = (feature: string, stdDiff: number | null, lift: number | null, segmentMean = 1) =>
  ({
    kind: 'number',
    feature,
    value: null,
    segmentMean,
    overallMean: lift === null ? 0 : segmentMean / lift,
    lift,
    stdDiff,
  }) satisfies ProfileTrait;
const attr = (feature: string, value: string, stdDiff: number, share: number, overall: number) =>
  ({
    kind: 'attribute',
    feature,
    value,
    segmentMean: share,
    overallMean: overall,
    lift: share / overall,
    stdDiff,
  }) satisfies ProfileTrait;

// The example: frequent buyers, mostly in East China, smaller orders.
const example: ProfileTrait[] = [
  num('avg_order_value', -0.6, 0.7),
  attr('region', '华东', 0.9, 0.62, 0.3),
  num('frequency', 1.8, 3.1),
  num('purchase_days', 1.7, 2.9), // says the same as frequency: left out
  num('monetary', 0.1, 1.1), // too small a difference to name
];

describe('describeSegment', () => {
  it('names the top traits, largest difference first, in English', () => {
    expect(describeSegment(example, 'en')).toBe(
      'Buys 3.1× as often as average, mostly in 华东, spends less per order',
    );
  });

  it('names the same traits in Chinese', () => {
    expect(describeSegment(example, 'zh-CN')).toBe('购买频次是平均的3.1倍，主要在华东，客单价偏低');
  });

  it('says a modest lift in words and a minority value with its shares', () => {
    const traits = [
      num('frequency', 0.5, 1.2),
      attr('channel', 'app', 0.4, 0.32, 0.12),
      num('recency_days', -0.3, 0.8),
    ];
    expect(describeSegment(traits, 'en')).toBe(
      'Buys more often, more often via app (32% vs 12%), bought more recently',
    );
    expect(describeSegment(traits, 'zh-CN')).toBe(
      '购买更频繁，app渠道占比较高（32%，整体12%），上次购买较近',
    );
  });

  it('formats large multiples without decimals and respects max', () => {
    const traits = [
      num('monetary', 2, 12.34),
      num('frequency', 1.5, 4.06),
      num('tenure_days', 1, 2),
    ];
    expect(describeSegment(traits, 'en', { max: 2 })).toBe(
      'Spends 12× the average in total, buys 4.1× as often as average',
    );
  });

  it('says when nothing stands out, and when the segment is too small to tell', () => {
    expect(describeSegment([num('frequency', 0.05, 1.02)], 'en')).toBe(
      'Close to average on every measure',
    );
    expect(describeSegment([num('frequency', null, 3)], 'zh-CN')).toBe(
      '客户太少，无法与其他客户区分',
    );
  });

  it('puts a complete separation first: a segment of prospects is called that', () => {
    // every member a prospect, no one else: no spread to divide by, as different as it gets
    const prospects = { ...num('is_prospect', null, 12.5, 1), separated: true };
    const traits = [num('frequency', -3, 0, 0), num('tenure_days', 0.4, 1.3), prospects];
    expect(describeSegment(traits, 'en')).toBe(
      'Mostly prospects with no order yet, buys less often, long-standing customers',
    );
    expect(describeSegment([prospects], 'zh-CN')).toBe('以未下单的潜在客户为主');
  });

  it('lets the plainest feature of a group speak for it when it differs about as much', () => {
    const traits = [num('purchase_days', 2.08, 2.16), num('frequency', 2.04, 2.17)];
    expect(describeSegment(traits, 'en')).toBe('Buys 2.2× as often as average');
    // much less: the feature that differs most is named
    const apart = [num('purchase_days', 2, 2.5), num('frequency', 1, 1.4)];
    expect(describeSegment(apart, 'en')).toBe('Buys on 2.5× as many days as average');
  });
});

describe('shortDescription', () => {
  it('says the description in a word or two a trait, the top two by default', () => {
    expect(shortDescription(example, 'en')).toBe('Frequent, 华东');
    expect(shortDescription(example, 'zh-CN')).toBe('高频、华东');
    expect(shortDescription(example, 'en', { max: 3 })).toBe('Frequent, 华东, small baskets');
  });

  it('says a channel by its value, typical when nothing differs, and too few when unknown', () => {
    const traits = [attr('channel', 'app', 1.2, 0.8, 0.4), num('monetary', -0.9, 0.5)];
    expect(shortDescription(traits, 'en')).toBe('Via app, low spend');
    expect(shortDescription(traits, 'zh-CN')).toBe('app渠道、低消费');
    expect(shortDescription([num('monetary', 0.1, 1)], 'en')).toBe('Typical');
    expect(shortDescription([num('monetary', null, null)], 'zh-CN')).toBe('客户过少');
  });

  it('has short words for every feature a profile describes', () => {
    expect(Object.keys(PROFILE_SHORT_WORDS).sort()).toEqual(Object.keys(PROFILE_FEATURES).sort());
  });
});
