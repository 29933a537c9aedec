import type { Lang } from '../domain/labels';

/**
 * d3-format strings for the kinds of numbers the charts show, the same in both languages.
 * Money has no currency symbol: the data's currency does not change with the UI language.
 */
export const FORMATS = {
  count: ',.0f',
  money: ',.0f',
  percent: '.1%',
  decimal: ',.2f',
  days: ',.0f',
} as const;

/** FORMATS.decimal (`,.2f`) in JS, for text made before Vega sees it (e.g. tooltips). */
const DECIMAL = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

export function formatDecimal(x: number): string {
  return DECIMAL.format(x);
}

/** FORMATS.count (`,.0f`) in JS. */
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(x: number): string {
  return COUNT.format(x);
}

/** FORMATS.percent (`.1%`) in JS. */
const SHARE = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

export function formatShare(x: number): string {
  return SHARE.format(x);
}

/**
 * A share as a percentage in the UI language (42%, or 42.3% with `digits` 1), for labels written
 * into a spec.
 */
export function formatPercent(x: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(x);
}

/**
 * A Vega expression for compact axis labels of large numbers, where the languages differ:
 * 1.2万 / 3.5亿 in Chinese, 12K / 3.5M / 1.2B in English.
 */
export function compactLabelExpr(lang: Lang): string {
  const v = 'datum.value';
  const step = (limit: string, unit: string, rest: string) =>
    `abs(${v}) >= ${limit} ? format(${v} / ${limit}, ',.1~f') + '${unit}' : ${rest}`;
  const plain = `format(${v}, ',~f')`;
  // Below 1万 Chinese writes 5000, not 5,000, beside 1万.
  return lang === 'zh-CN'
    ? step('1e8', '亿', step('1e4', '万', `format(${v}, '~f')`))
    : step('1e9', 'B', step('1e6', 'M', step('1e3', 'K', plain)));
}
