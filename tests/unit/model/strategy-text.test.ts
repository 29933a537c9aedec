import { describe, expect, it } from 'vitest';
import { strategyText, type StrategyDef } from '../../../src/model/strategy-text';

const defs: StrategyDef[] = [
  {
    label: { en: 'Core', zh: '核心客户' },
    strategy: { en: 'Reward them.', zh: '给予回馈。' },
  },
  {
    label: { en: 'Prospects', zh: '潜在客户' },
    strategy: { en: 'Win a first order.', zh: '促成首单。' },
  },
];

describe('strategyText', () => {
  it("shows the preset's default where nothing was edited", () => {
    expect(strategyText({}, defs, 'Core', 'en')).toEqual({ text: 'Reward them.', edited: 'none' });
    expect(strategyText({}, defs, '核心客户', 'zh-CN')).toEqual({
      text: '给予回馈。',
      edited: 'none',
    });
  });

  it('keeps an edit made in English when the language switches, marked', () => {
    const strategies = { Core: 'Invite to the VIP club.' };
    expect(strategyText(strategies, defs, 'Core', 'en')).toEqual({
      text: 'Invite to the VIP club.',
      edited: 'here',
    });
    expect(strategyText(strategies, defs, '核心客户', 'zh-CN')).toEqual({
      text: 'Invite to the VIP club.',
      edited: 'other',
    });
    // Other segments keep their own defaults.
    expect(strategyText(strategies, defs, '潜在客户', 'zh-CN').text).toBe('促成首单。');
  });

  it('keeps one edit per language once both were edited', () => {
    const strategies = { Core: 'Invite to the VIP club.', 核心客户: '邀请加入 VIP 俱乐部。' };
    expect(strategyText(strategies, defs, 'Core', 'en').text).toBe('Invite to the VIP club.');
    expect(strategyText(strategies, defs, '核心客户', 'zh-CN')).toEqual({
      text: '邀请加入 VIP 俱乐部。',
      edited: 'here',
    });
  });

  it('shows an edit of a segment the preset does not define (a custom rule)', () => {
    expect(strategyText({ Mine: 'x' }, defs, 'Mine', 'en')).toEqual({ text: 'x', edited: 'here' });
    expect(strategyText({}, defs, 'Mine', 'en')).toEqual({ text: '', edited: 'none' });
  });
});
