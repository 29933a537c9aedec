import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerType, type CustomerTypeParams } from '../../../../src/model/presets/customer-type';
import { NodeEngine } from '../../../support/node-engine';
import { createFeatures, segmentsById } from '../../../support/features-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createFeatures(engine, [
    { customer_id: 'c01', customer_type: '个人' },
    { customer_id: 'c02', customer_type: ' Individual ' }, // case and spaces ignored
    { customer_id: 'c03', customer_type: 'b2c' },
    { customer_id: 'c04', customer_type: '企业' },
    { customer_id: 'c05', customer_type: 'COMPANY' },
    { customer_id: 'c06', customer_type: 'B2B' },
    { customer_id: 'c07', customer_type: 'vip' },
    { customer_id: 'c08', customer_type: '大客户' },
    { customer_id: 'c09', customer_type: 'reseller' }, // not in the default mapping
    { customer_id: 'c10', customer_type: null },
    { customer_id: 'c11', customer_type: "O'Brien & Co" },
    { customer_id: 'c12', is_prospect: true, customer_type: 'Business' },
  ]);
});
afterAll(() => engine.close());

const ctx = { features: 'features', asOf: '2024-06-30', lang: 'zh-CN' as const };

describe('customer type', () => {
  it('recognises the default spellings and puts the rest in Other', async () => {
    expect(await segmentsById(engine, customerType.toSql(customerType.defaults(), ctx))).toEqual({
      c01: '个人客户',
      c02: '个人客户',
      c03: '个人客户',
      c04: '企业客户',
      c05: '企业客户',
      c06: '企业客户',
      c07: 'VIP/大客户',
      c08: 'VIP/大客户',
      c09: '其他',
      c10: '其他',
      c11: '其他',
      c12: '企业客户', // prospects have a type too
    });
  });

  it('uses an edited mapping, including values that need quoting', async () => {
    const p: CustomerTypeParams = {
      mapping: [
        { raw: 'reseller', type: 'enterprise' },
        { raw: "o'brien & co", type: 'vip' },
      ],
    };
    const result = await segmentsById(engine, customerType.toSql(p, { ...ctx, lang: 'en' }));
    expect(result.c09).toBe('Enterprise');
    expect(result.c11).toBe('VIP / key account');
    expect(result.c01).toBe('Other'); // 个人 is no longer mapped
    const none = await segmentsById(engine, customerType.toSql({ mapping: [] }, ctx));
    expect(new Set(Object.values(none))).toEqual(new Set(['其他']));
  });

  it('validates the mapping', () => {
    expect(customerType.validate(customerType.defaults())).toEqual([]);
    const errors = customerType.validate({
      mapping: [
        { raw: '  ', type: 'vip' },
        { raw: 'gold', type: 'platinum' as 'vip' },
        { raw: 'Shop', type: 'enterprise' },
        { raw: 'shop ', type: 'individual' },
      ],
    });
    expect(errors.map((e) => e.message.en)).toEqual([
      'A customer type value is empty.',
      '"gold" maps to an unknown type "platinum" (use individual, enterprise, vip).',
      '"shop " is mapped to two different types.',
    ]);
    expect(errors[2]!.message.zh).toBe('“shop ”被对应到两个不同的类型。');
    expect(() => customerType.toSql({ mapping: [{ raw: '', type: 'vip' }] }, ctx)).toThrow(/empty/);
  });
});
