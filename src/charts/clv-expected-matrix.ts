import type { TopLevelSpec } from 'vega-lite';
import type { ExpectedMatrix } from '../model/clv/expected-matrix';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase, FIT_WIDTH, fittedTitle } from './chart-theme';
import { checkRowBudget } from './mark-budget';
import { FORMATS } from './number-formats';
import { frequencyRecencyGrid } from './frequency-recency-grid';
import { recencyTitle as recencyAxis, unitWord, type ClvChartUnit } from './clv-time-units';

const T = {
  title: {
    en: 'Expected purchases by repeat purchases and recency',
    zh: '按复购次数与最近购买时间的期望购买次数',
  },
  subtitle: {
    en: 'Purchases expected in the next {h} {unit}, for customers first buying {T} {unit} before the end of the data.',
    zh: '未来 {h} {unit}内的期望购买次数，针对在数据结束前 {T} {unit}首次购买的客户。',
  },
  x: { en: 'Repeat purchases', zh: '复购次数' },
  expected: { en: 'Expected purchases', zh: '期望购买次数' },
} satisfies Record<string, Labels>;

/**
 * A heatmap of expected purchases over the horizon (src/model/clv/expected-matrix.ts): repeat
 * purchases up the side, recency across, on a square-root scale from 0 (the expectations are
 * skewed: a few frequent, recent buyers expect many times the rest).
 */
export function expectedMatrixSpec(
  matrix: ExpectedMatrix,
  lang: Lang,
  unit: ClvChartUnit = 'weeks',
  width?: number,
): TopLevelSpec {
  checkRowBudget(matrix.cells, T.title);
  const recencyTitle = recencyAxis(unit, lang);
  const whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const unitText = unitWord(unit, lang);
  const subtitle = pick(T.subtitle, lang)
    .replace('{h}', whole.format(matrix.horizon))
    .replace('{T}', whole.format(matrix.T))
    .replaceAll('{unit}', unitText);
  const grid = frequencyRecencyGrid(matrix.cells, matrix.T, unit, recencyTitle, pick(T.x, lang));
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: 320,
    title: fittedTitle(pick(T.title, lang), subtitle, width),
    data: { values: grid.values },
    mark: { type: 'rect', tooltip: true },
    encoding: {
      ...grid.encoding,
      color: {
        field: 'expected',
        type: 'quantitative',
        title: pick(T.expected, lang),
        scale: { type: 'sqrt', scheme: 'purples', zero: true },
        legend: { format: ',.1f' },
      },
      tooltip: [
        { field: 'frequency', title: pick(T.x, lang), format: FORMATS.count },
        { field: 'recency', title: recencyTitle, format: grid.discrete ? ',d' : ',.1f' },
        { field: 'expected', title: pick(T.expected, lang), format: FORMATS.decimal },
      ],
    },
  };
}
