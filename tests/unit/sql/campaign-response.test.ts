import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignResponseSql, type CampaignsRelation } from '../../../src/sql/campaign-response';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`CREATE TABLE camp AS SELECT * FROM (VALUES
    ('K1', 'c1', '是', '是', '否'),
    ('K1', 'c2', 'yes', 'no', '0'),
    ('K1', 'c3', 'Y', '1', ''),
    ('K1', 'c4', 'no', 'false', 'no'),
    ('K1', 'c5', 'TRUE', 'True', NULL),
    ('K1', 'c6', 'maybe', '0', 'n'),
    ('K1', 'c7', 'no', 'yes', 'yes'),
    ('K1', 'c8', 'no', '否', '是'),
    ('K1', 'c9', '1', '1', '0'),
    ('K1', 'c10', '0', '0', '0'),
    ('K2', 'c1', 'n', 'n', 'n')
  ) t("活动", "客户", "响应", "转化", "对照")`);
  await engine.exec(`CREATE TABLE seg AS SELECT * FROM (VALUES
    ('c1', 'X'), ('c2', 'X'), ('c3', 'X'), ('c4', 'X'), ('c5', 'X'), ('c6', 'X'),
    ('c7', 'X'), ('c8', 'X'), ('c9', 'Y')
  ) t(customer_id, segment)`);
});
afterAll(() => engine.close());

const campaigns: CampaignsRelation = {
  relation: 'camp',
  customerId: '客户',
  campaign: '活动',
  responded: '响应',
  converted: '转化',
  control: '对照',
};
const z2 = 1.959964 ** 2;

describe('campaign response', () => {
  it('rates response and conversion per segment against the control group', async () => {
    const sql = campaignResponseSql({ campaigns, segments: { table: 'seg' }, lang: 'en' });
    const { rows } = await engine.query(sql);
    // X recipients: c1..c6 in K1 and c1 in K2; controls c7, c8.
    // responded: c1 c2 c3 c5 yes, c4 and c1/K2 no, c6 unreadable -> 4 of 6 known
    // converted: c1 c3 c5 -> 3 of 7; controls converted: c7 -> 1 of 2
    expect(
      rows.map((r) => [
        r.segment,
        r.is_total,
        r.recipients,
        r.responders,
        r.converters,
        r.controls,
        r.control_converters,
      ]),
    ).toEqual([
      ['(no segment)', false, 1, 0, 0, 0, 0],
      ['X', false, 7, 4, 3, 2, 1],
      ['Y', false, 1, 1, 1, 0, 0],
      ['All segments', true, 9, 5, 4, 2, 1],
    ]);
    const [none, x, y, total] = rows;
    expect(x!.response_rate).toBeCloseTo(4 / 6, 12);
    expect(x!.conversion_rate).toBeCloseTo(3 / 7, 12);
    expect(x!.control_conversion_rate).toBe(0.5);
    expect(x!.lift).toBeCloseTo(3 / 7 - 1 / 2, 12);
    expect(x!.lift_ratio).toBeCloseTo(6 / 7, 12);
    // Wilson 1 of 2: centre 0.5, half z / (1 + z²/2) * sqrt(0.125 + z²/16) = 0.405469
    expect(x!.control_conversion_lo).toBeCloseTo(0.094531, 5);
    expect(x!.control_conversion_hi).toBeCloseTo(0.905469, 5);
    // 1 of 1: [1 / (1 + z²), 1]; no controls, so no lift
    expect(y!.conversion_lo).toBeCloseTo(1 / (1 + z2), 9);
    expect(y!.conversion_hi).toBe(1);
    expect([y!.control_conversion_rate, y!.lift, y!.lift_ratio]).toEqual([null, null, null]);
    expect(none!.response_lo).toBe(0);
    expect(total!.response_rate).toBeCloseTo(5 / 8, 12);
    expect(total!.lift).toBeCloseTo(4 / 9 - 1 / 2, 12);
  });

  it('leaves out recipients outside a narrowed segmentation', async () => {
    const segments = { sql: "SELECT * FROM seg WHERE customer_id IN ('c1', 'c9')" };
    const sql = campaignResponseSql({ campaigns, segments, lang: 'en', segmentedOnly: true });
    const { rows } = await engine.query(sql);
    // c1: K1 and K2, responded once, converted once; c9 (Y): responded and converted
    expect(rows.map((r) => [r.segment, r.recipients, r.responders, r.converters])).toEqual([
      ['X', 2, 1, 1],
      ['Y', 1, 1, 1],
      ['All segments', 3, 2, 2],
    ]);
  });

  it('reports per campaign with Chinese labels', async () => {
    const sql = campaignResponseSql({
      campaigns,
      segments: { table: 'seg' },
      byCampaign: true,
      lang: 'zh-CN',
    });
    const { rows } = await engine.query(sql);
    expect(rows.map((r) => [r.campaign, r.segment, r.recipients, r.converters])).toEqual([
      ['K1', 'X', 6, 3],
      ['K1', 'Y', 1, 1],
      ['K1', '（未分群）', 1, 0],
      ['K1', '全部分群', 8, 4],
      ['K2', 'X', 1, 0],
      ['K2', '全部分群', 1, 0],
    ]);
    const k1x = rows[0]!;
    expect(k1x.response_rate).toBeCloseTo(4 / 5, 12);
    expect(k1x.lift).toBeCloseTo(0, 12); // 3 of 6 against 1 of 2
  });

  it('works with typed flags and without a control or response column', async () => {
    await engine.exec(`CREATE TABLE typed AS SELECT * FROM (VALUES
      (1, TRUE), (2, FALSE), (3, TRUE), (4, NULL)
    ) t(id, bought)`);
    const sql = campaignResponseSql({
      campaigns: { relation: 'typed', customerId: 'id', converted: 'bought' },
      segments: { sql: "SELECT '1' AS customer_id, 'S' AS segment" },
      lang: 'en',
    });
    const { rows } = await engine.query(sql);
    const total = rows.find((r) => r.is_total)!;
    // 2 of the 3 known conversions; the NULL row is a recipient of unknown outcome
    expect(total).toMatchObject({ recipients: 4, converters: 2, controls: 0 });
    expect(total.conversion_rate).toBeCloseTo(2 / 3, 12);
    expect([total.response_rate, total.response_lo, total.lift]).toEqual([null, null, null]);
  });

  it('explains a missing mapping', () => {
    const segments = { table: 'seg' };
    expect(() =>
      campaignResponseSql({
        campaigns: { relation: 'camp', customerId: '客户' },
        segments,
        lang: 'en',
      }),
    ).toThrow(/responded or a converted/);
    expect(() =>
      campaignResponseSql({
        campaigns: { ...campaigns, campaign: undefined },
        segments,
        byCampaign: true,
        lang: 'en',
      }),
    ).toThrow(/活动列/);
    expect(() => campaignResponseSql({ campaigns, segments, z: 0, lang: 'en' })).toThrow(
      /positive number/,
    );
  });
});
