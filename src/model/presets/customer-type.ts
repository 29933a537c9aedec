import type { Labels } from '../../domain/labels';
import { assertContext, throwIfInvalid } from './param-checks';
import type { ParamError, Preset, PresetContext, SegmentDef } from './preset';
import {
  customerTypeSql,
  type CustomerTypeParams,
  type CustomerTypeKey,
} from '../../sql/presets/customer-type';

export type { CustomerTypeParams, CustomerTypeKey };

const TYPE_KEYS: readonly CustomerTypeKey[] = ['individual', 'enterprise', 'vip'];

const L = {
  mapping: { en: 'Customer type values', zh: '客户类型取值对照' },
} satisfies Record<keyof CustomerTypeParams, Labels>;

const SEGMENTS: SegmentDef[] = [
  {
    key: 'individual',
    label: { en: 'Individual', zh: '个人客户' },
    definition: { en: 'Consumers (B2C).', zh: '个人消费者（B2C）。' },
    strategy: {
      en: 'Scale through digital channels: personalised offers, membership, social proof.',
      zh: '通过数字渠道规模化运营：个性化优惠、会员体系、口碑传播。',
    },
  },
  {
    key: 'enterprise',
    label: { en: 'Enterprise', zh: '企业客户' },
    definition: { en: 'Companies and organisations (B2B).', zh: '企业和机构（B2B）。' },
    strategy: {
      en: 'Account management: volume pricing, contracts, invoicing and dedicated support.',
      zh: '客户经理制：阶梯价格、框架合同、开票与专属支持。',
    },
  },
  {
    key: 'vip',
    label: { en: 'VIP / key account', zh: 'VIP/大客户' },
    definition: {
      en: 'Marked as VIP or key account in the data.',
      zh: '数据中标记为VIP或大客户。',
    },
    strategy: {
      en: 'Senior relationship owner, tailored terms and regular business reviews.',
      zh: '高层对接、定制化条款和定期业务回顾。',
    },
  },
  {
    key: 'other',
    label: { en: 'Other', zh: '其他' },
    definition: {
      en: 'Customer type empty or not in the value mapping.',
      zh: '客户类型为空或不在取值对照中。',
    },
    strategy: {
      en: 'Complete the customer type (add the value to the mapping or fix the data).',
      zh: '补全客户类型（把取值加入对照表或修正数据）。',
    },
  },
];

function defaults(): CustomerTypeParams {
  const pairs: [CustomerTypeKey, string[]][] = [
    ['individual', ['个人', '个人客户', 'individual', 'personal', 'person', 'consumer', 'B2C']],
    [
      'enterprise',
      ['企业', '企业客户', '公司', 'enterprise', 'company', 'business', 'corporate', 'B2B'],
    ],
    ['vip', ['VIP', 'VIP客户', '大客户', 'key account']],
  ];
  return { mapping: pairs.flatMap(([type, raws]) => raws.map((raw) => ({ raw, type }))) };
}

function folded(raw: string): string {
  return raw.trim().toLowerCase();
}

function validate(p: CustomerTypeParams): ParamError[] {
  if (!Array.isArray(p.mapping)) {
    return [
      {
        key: 'mapping',
        message: { en: `${L.mapping.en} must be a list.`, zh: `${L.mapping.zh}必须是列表。` },
      },
    ];
  }
  const errors: ParamError[] = [];
  const seen = new Map<string, CustomerTypeKey>();
  for (const { raw, type } of p.mapping) {
    if (typeof raw !== 'string' || raw.trim() === '') {
      errors.push({
        key: 'mapping',
        message: { en: 'A customer type value is empty.', zh: '有一个客户类型取值为空。' },
      });
    } else if (!TYPE_KEYS.includes(type)) {
      errors.push({
        key: 'mapping',
        message: {
          en: `"${raw}" maps to an unknown type "${String(type)}" (use ${TYPE_KEYS.join(', ')}).`,
          zh: `“${raw}”对应的类型“${String(type)}”无效（可用：${TYPE_KEYS.join('、')}）。`,
        },
      });
    } else if (seen.has(folded(raw)) && seen.get(folded(raw)) !== type) {
      errors.push({
        key: 'mapping',
        message: {
          en: `"${raw}" is mapped to two different types.`,
          zh: `“${raw}”被对应到两个不同的类型。`,
        },
      });
    } else {
      seen.set(folded(raw), type);
    }
  }
  return errors;
}

function toSql(p: CustomerTypeParams, ctx: PresetContext): string {
  throwIfInvalid(customerType.label, validate(p));
  assertContext(ctx);
  return customerTypeSql(p, ctx, SEGMENTS);
}

/** Customer type (客户类型): individual / enterprise / VIP from the customer type column. */
export const customerType: Preset<CustomerTypeParams> = {
  id: 'customer-type',
  label: { en: 'Customer type', zh: '客户类型' },
  description: {
    en: 'Individual, enterprise or VIP, read from the customer type column through an editable value mapping (case and surrounding spaces ignored). Values not in the mapping, and empty ones, are Other.',
    zh: '根据客户类型列，通过可编辑的取值对照（忽略大小写和首尾空格）分为个人、企业或VIP客户。不在对照中的取值及空值归为“其他”。',
  },
  params: [
    {
      key: 'mapping',
      kind: 'custom',
      label: L.mapping,
      help: {
        en: 'Each row: a value as it appears in your data, and the type it means.',
        zh: '每行：数据中的取值，以及它代表的客户类型。',
      },
    },
  ],
  defaults,
  validate,
  segments: () => SEGMENTS.map((s) => ({ ...s })),
  toSql,
};
