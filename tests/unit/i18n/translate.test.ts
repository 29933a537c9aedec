import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en';
import { zhCN } from '../../../src/i18n/zh-CN';
import { initialLang, translate } from '../../../src/i18n/translate';

describe('translate', () => {
  it('fills placeholders and formats numbers per language', () => {
    expect(translate('en', 'tables.rows', { count: 12345 })).toBe('12,345 rows');
    // Status lines in Chinese count in 万 and 亿, as the charts do.
    expect(translate('zh-CN', 'tables.rows', { count: 12345 })).toBe('1.23万 行');
    expect(translate('zh-CN', 'tables.rows', { count: 9999 })).toBe('9,999 行');
    expect(translate('zh-CN', 'tables.rows', { count: 250_000_000 })).toBe('2.5亿 行');
    expect(translate('en', 'load.failed', { file: 'a.csv' })).toBe(
      'Could not load a.csv: {message}',
    );
  });

  it('has a Chinese text for every English key, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(zhCN[key], key).toBeTruthy();
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });
});

describe('initialLang', () => {
  it('prefers the remembered choice, then the browser', () => {
    expect(initialLang('en', ['zh-CN'])).toBe('en');
    expect(initialLang(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(initialLang(null, ['fr', 'en-GB'])).toBe('en');
    expect(initialLang('xx', ['fr'])).toBe('en');
  });
});
