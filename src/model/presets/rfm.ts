import { rfmSql, type RfmBinning, type RfmBinningInput, type ScoreCondition } from '../../sql/rfm';
import { pick, type Labels } from '../../domain/labels';
import { assertContext, choiceError, errorsOf, numberError, throwIfInvalid } from './param-checks';
import type { ParamError, ParamSpec, Preset, SegmentDef } from './preset';
import {
  CLASSIC_RULES,
  DEFAULT_STRATEGY,
  OTHERS_LABEL,
  OTHERS_STRATEGY,
  PROSPECTS_LABEL,
  PROSPECTS_STRATEGY,
  type RfmRule,
} from './rfm-rules';

export interface RfmParams {
  recencyBins: number;
  frequencyBins: number;
  monetaryBins: number;
  /** The user's own cut points, e.g. `30, 90, 180`; empty means quantile bins. */
  recencyThresholds: string;
  frequencyThresholds: string;
  monetaryThresholds: string;
  /** What `high` / `low` rule conditions compare a score with. */
  cutStatistic: 'mean' | 'median';
  rules: RfmRule[];
}

type Dimension = 'recency' | 'frequency' | 'monetary';

const DIMENSION_LABELS: Record<Dimension, Labels> = {
  recency: { en: 'Recency', zh: '最近消费（R）' },
  frequency: { en: 'Frequency', zh: '消费频次（F）' },
  monetary: { en: 'Monetary', zh: '消费金额（M）' },
};

const DIMENSIONS = Object.keys(DIMENSION_LABELS) as Dimension[];
const MIN_BINS = 2;
const MAX_BINS = 9;

const CUT_LABEL: Labels = { en: 'High / low cut', zh: '高低分界' };

function binsLabel(d: Dimension): Labels {
  const { en, zh } = DIMENSION_LABELS[d];
  return { en: `${en} bins`, zh: `${zh}分档数` };
}

function binsSpec(d: Dimension): ParamSpec {
  return {
    key: `${d}Bins`,
    kind: 'integer',
    min: MIN_BINS,
    max: MAX_BINS,
    label: binsLabel(d),
    help: {
      en: 'Customers are split into this many equal-sized groups (quantiles).',
      zh: '按分位数把客户分成这么多档，每档人数大致相同。',
    },
  };
}

function thresholdsSpec(d: Dimension): ParamSpec {
  const label = DIMENSION_LABELS[d];
  return {
    key: `${d}Thresholds`,
    kind: 'text',
    label: { en: `${label.en} thresholds`, zh: `${label.zh}自定义分界点` },
    help: {
      en: 'Optional increasing cut points, e.g. 30, 90, 180. A value equal to a cut point goes above it. Overrides the bin count.',
      zh: '可选，递增的分界点，如 30, 90, 180；等于分界点的值归入上一档。填写后忽略分档数。',
    },
  };
}

/** The cut points typed by the user: `null` when empty, `'invalid'` when not numbers. */
function parseThresholds(text: unknown): number[] | null | 'invalid' {
  if (text === undefined || text === null) return null;
  if (typeof text !== 'string') return 'invalid';
  const parts = text.split(/[\s,，;；]+/).filter(Boolean);
  if (parts.length === 0) return null;
  const values = parts.map(Number);
  return values.every(Number.isFinite) ? values : 'invalid';
}

function binning(params: RfmParams, d: Dimension): RfmBinning {
  const cuts = parseThresholds(params[`${d}Thresholds`]);
  return Array.isArray(cuts) ? { cuts } : { bins: params[`${d}Bins`] };
}

/** How each dimension is cut, from validated parameters: the user's cut points or quantile bins. */
export function rfmBinningInput(params: RfmParams, source: string): RfmBinningInput {
  return {
    source,
    recency: binning(params, 'recency'),
    frequency: binning(params, 'frequency'),
    monetary: binning(params, 'monetary'),
  };
}

function thresholdsError(d: Dimension, text: unknown): ParamError | null {
  const cuts = parseThresholds(text);
  if (cuts === null) return null;
  const { en, zh } = DIMENSION_LABELS[d];
  const error = (message: Labels) => ({ key: `${d}Thresholds`, message });
  if (cuts === 'invalid') {
    return error({
      en: `${en} thresholds must be numbers separated by commas.`,
      zh: `${zh}分界点必须是用逗号分隔的数字。`,
    });
  }
  if (cuts.length > MAX_BINS - 1) {
    return error({
      en: `${en}: at most ${MAX_BINS - 1} thresholds.`,
      zh: `${zh}：最多 ${MAX_BINS - 1} 个分界点。`,
    });
  }
  if (cuts.some((c, i) => i > 0 && c <= cuts[i - 1]!)) {
    return error({ en: `${en} thresholds must increase.`, zh: `${zh}分界点必须递增。` });
  }
  return null;
}

function dimensionError(params: Partial<RfmParams>, d: Dimension): ParamError | null {
  const text = params[`${d}Thresholds`];
  if (parseThresholds(text) !== null) return thresholdsError(d, text);
  return numberError(`${d}Bins`, binsLabel(d), params[`${d}Bins`], {
    min: MIN_BINS,
    max: MAX_BINS,
    integer: true,
  });
}

function validCondition(c: unknown): c is ScoreCondition {
  if (c === 'high' || c === 'low') return true;
  if (!Array.isArray(c) || c.length !== 2) return false;
  const [min, max] = c as unknown[];
  const score = (v: unknown): v is number =>
    Number.isInteger(v) && Number(v) >= 1 && Number(v) <= MAX_BINS;
  return score(min) && score(max) && min <= max;
}

function namedRule(rule: RfmRule): boolean {
  const texts = typeof rule?.label === 'string' ? [rule.label] : [rule?.label?.en, rule?.label?.zh];
  return texts.every((t) => typeof t === 'string' && t.trim() !== '');
}

function ruleErrors(rules: unknown): ParamError[] {
  const error = (en: string, zh: string): ParamError => ({ key: 'rules', message: { en, zh } });
  if (!Array.isArray(rules)) return [error('The rule table is missing.', '缺少分群规则表。')];
  return (rules as RfmRule[]).flatMap((rule, i): ParamError[] => {
    const n = i + 1;
    if (!namedRule(rule))
      return [error(`Rule ${n} needs a segment name.`, `第 ${n} 条规则需要分群名称。`)];
    if (DIMENSIONS.every((d) => validCondition(rule[d]))) return [];
    return [
      error(
        `Rule ${n}: each score condition must be high, low, or a range min..max of scores 1 to ${MAX_BINS}.`,
        `第 ${n} 条规则：每个得分条件必须是“高”“低”或 1 到 ${MAX_BINS} 之间的得分区间（最小值 ≤ 最大值）。`,
      ),
    ];
  });
}

function asLabels(label: Labels | string): Labels {
  return typeof label === 'string' ? { en: label, zh: label } : label;
}

function describe(rule: RfmRule): Labels {
  const part = (d: Dimension, lang: 'en' | 'zh') => {
    const c = rule[d];
    const letter = d[0]!.toUpperCase();
    if (c === 'high') return `${letter} ${lang === 'en' ? 'high' : '高'}`;
    if (c === 'low') return `${letter} ${lang === 'en' ? 'low' : '低'}`;
    return `${letter} ${c[0]}–${c[1]}`;
  };
  return {
    en: DIMENSIONS.map((d) => part(d, 'en')).join(' · '),
    zh: DIMENSIONS.map((d) => part(d, 'zh')).join(' · '),
  };
}

export const rfmPreset: Preset<RfmParams> = {
  id: 'rfm',
  label: { en: 'RFM', zh: 'RFM 模型' },
  description: {
    en: 'Scores recency, frequency and monetary value by quantile bins (compatible with the R package rfm) and names segments with an ordered rule table.',
    zh: '按分位数为最近消费、消费频次、消费金额打分（与 R 语言 rfm 包一致），再按有序规则表命名客户分群。',
  },
  params: [
    ...DIMENSIONS.map(binsSpec),
    ...DIMENSIONS.map(thresholdsSpec),
    {
      key: 'cutStatistic',
      kind: 'select',
      label: CUT_LABEL,
      help: {
        en: 'A score counts as high when it is above the mean (or median) score of all customers.',
        zh: '得分高于全部客户得分的平均值（或中位数）即为“高”。',
      },
      options: [
        { value: 'mean', label: { en: 'Mean', zh: '平均值' } },
        { value: 'median', label: { en: 'Median', zh: '中位数' } },
      ],
    },
    {
      key: 'rules',
      kind: 'custom',
      label: { en: 'Segment rules', zh: '分群规则' },
      help: {
        en: 'Tried from the top; the first matching rule names the segment. Unmatched customers are Others.',
        zh: '自上而下匹配，第一条命中的规则决定分群；都不命中的归为“其他”。',
      },
    },
  ],
  defaults: () => ({
    recencyBins: 5,
    frequencyBins: 5,
    monetaryBins: 5,
    recencyThresholds: '',
    frequencyThresholds: '',
    monetaryThresholds: '',
    cutStatistic: 'mean',
    rules: structuredClone(CLASSIC_RULES),
  }),
  validate(params) {
    const p: Partial<RfmParams> = params ?? {};
    return errorsOf([
      ...DIMENSIONS.map((d) => dimensionError(p, d)),
      choiceError('cutStatistic', CUT_LABEL, p.cutStatistic, ['mean', 'median']),
    ]).concat(ruleErrors(p.rules));
  },
  segments(params) {
    const fromRules = params.rules.map((rule): SegmentDef => ({
      key: rule.key,
      label: asLabels(rule.label),
      strategy: rule.strategy ?? DEFAULT_STRATEGY,
      definition: rule.definition ?? describe(rule),
    }));
    return [
      ...fromRules,
      { key: 'others', label: OTHERS_LABEL, strategy: OTHERS_STRATEGY },
      { key: 'prospects', label: PROSPECTS_LABEL, strategy: PROSPECTS_STRATEGY },
    ];
  },
  toSql(params, ctx) {
    assertContext(ctx);
    throwIfInvalid(rfmPreset.label, rfmPreset.validate(params));
    return rfmSql({
      source: ctx.features,
      recency: binning(params, 'recency'),
      frequency: binning(params, 'frequency'),
      monetary: binning(params, 'monetary'),
      cutStatistic: params.cutStatistic,
      rules: params.rules.map((rule) => ({
        segment: pick(asLabels(rule.label), ctx.lang),
        recency: rule.recency,
        frequency: rule.frequency,
        monetary: rule.monetary,
      })),
      otherSegment: pick(OTHERS_LABEL, ctx.lang),
      prospectSegment: pick(PROSPECTS_LABEL, ctx.lang),
    });
  },
};
