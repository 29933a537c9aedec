import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CLASSIC_RULES,
  RFM_RULE_TABLES,
  STANDARD_RULES,
  type RfmRule,
} from '../../../../src/model/presets/rfm-rules';

const README_RULES = new URL(
  '../../../fixtures/rfm-oracle/expected/segment_rules_readme_config.csv',
  import.meta.url,
);

function label(rule: RfmRule): string {
  return typeof rule.label === 'string' ? rule.label : rule.label.en;
}

describe('shipped RFM rule tables', () => {
  it('keeps the rfm README rule table (names, ranges, order) and adds Hibernating', () => {
    const [, ...lines] = readFileSync(README_RULES, 'utf8').trim().split('\n');
    const readme = lines.map((line) => {
      const [name, ...bounds] = line.split(',');
      const [rl, ru, fl, fu, ml, mu] = bounds.map(Number);
      return [name!.replaceAll('"', ''), [rl, ru], [fl, fu], [ml, mu]];
    });
    expect(readme).toHaveLength(10);
    const ours = STANDARD_RULES.filter((r) => r.key !== 'hibernating').map((r) => [
      label(r),
      r.recency,
      r.frequency,
      r.monetary,
    ]);
    expect(ours).toEqual(readme);
    expect(STANDARD_RULES.map(label)).toContain('Hibernating');
  });

  it('gives the classic eight one rule per high/low combination', () => {
    const combos = CLASSIC_RULES.map((r) => [r.recency, r.frequency, r.monetary].join());
    expect(new Set(combos).size).toBe(8);
    expect(combos.every((c) => /^(high|low),(high|low),(high|low)$/.test(c))).toBe(true);
    const byCombo = Object.fromEntries(
      CLASSIC_RULES.map((r) => [[r.recency, r.frequency, r.monetary].join(), r.label]),
    );
    expect(byCombo['high,high,high']).toEqual({ en: 'Important value', zh: '重要价值客户' });
    expect(byCombo['low,low,high']).toEqual({ en: 'Important win-back', zh: '重要挽留客户' });
    expect(byCombo['high,low,low']).toEqual({ en: 'General development', zh: '一般发展客户' });
  });

  it('names every shipped segment and its strategy in English and Chinese', () => {
    for (const table of RFM_RULE_TABLES) {
      expect(table.label.en && table.label.zh).toBeTruthy();
      const keys = table.rules.map((r) => r.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const rule of table.rules) {
        expect(typeof rule.label).toBe('object');
        const { en, zh } = rule.label as { en: string; zh: string };
        expect(en && zh && rule.strategy?.en && rule.strategy?.zh).toBeTruthy();
        expect(zh).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});
