import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases } from '../../../../src/model/clv/bgnbd';
import {
  modelConditionalExpectedPurchases,
  type PurchaseModelFit,
} from '../../../../src/model/clv/continuous-models';
import { customerLifetimeValue } from '../../../../src/model/clv/clv';
import { ClvInputError } from '../../../../src/model/clv/clv-input-error';
import {
  MIN_SPEND_BUYERS,
  predict,
  type PredictProgress,
  type PredictResult,
  type PredictSettings,
} from '../../../../src/model/clv/predict';
import { clvSummarySql } from '../../../../src/sql/clv-summary';
import { NodeEngine } from '../../../support/node-engine';
import { loadCdnow } from './cdnow-fixture';
import { amountSql } from '../../../../src/sql/amount';

/*
 * predict() on the CDNOW sample, calibration 1997-01-01 .. 1997-09-30 and holdout to
 * 1998-06-30 (39 weeks each), as in Fader, Hardie & Lee (2005). Published values: BG/NBD
 * r = 0.243, alpha = 4.414, a = 0.793, b = 2.426; Gamma-Gamma p = 6.25, q = 3.74, gamma = 15.44.
 */

let engine: NodeEngine;
let rows: Record<string, unknown>[];
let result: PredictResult;
const progress: PredictProgress[] = [];
const SETTINGS: PredictSettings = {
  unit: 'weeks',
  horizonMonths: 9,
  monthlyDiscountRate: 0.01,
  margin: 1,
};

/** Per customer, straight from the orders: calibration x, t_x, T (weeks) and holdout x*. */
const DIRECT_SQL = `
  WITH days AS (SELECT DISTINCT sample_id, order_date AS day FROM cdnow),
  firsts AS (SELECT sample_id, min(day) AS first FROM days GROUP BY sample_id)
  SELECT d.sample_id,
    CAST(count(*) FILTER (WHERE day > first AND day <= DATE '1997-09-30') AS INTEGER) AS x,
    (max(day) FILTER (WHERE day <= DATE '1997-09-30') - first) / 7 AS tx,
    (DATE '1997-09-30' - first) / 7 AS "T",
    CAST(count(*) FILTER (WHERE day > DATE '1997-09-30' AND day <= DATE '1998-06-30') AS INTEGER)
      AS x_star
  FROM days AS d JOIN firsts USING (sample_id)
  GROUP BY d.sample_id, first`;

/** The same customers grouped by calibration frequency, 7+ together. */
const GROUPS_SQL = `
  SELECT CAST(least(x, 7) AS INTEGER) AS grp, CAST(count(*) AS INTEGER) AS customers,
    CAST(sum(x_star) AS INTEGER) AS holdout, avg(x_star) AS actual
  FROM (${DIRECT_SQL}) GROUP BY grp ORDER BY grp`;

beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadCdnow(engine, 'CDNOW_sample.txt', 'cdnow');
  const sql = clvSummarySql({
    relation: 'cdnow',
    customerId: 'sample_id',
    date: 'order_date',
    amountSql: amountSql({ amount: 'dollars' })!,
    calibrationEnd: '1997-09-30',
    holdoutEnd: '1998-06-30',
    unit: 'weeks',
  });
  rows = (await engine.query(sql)).rows;
  result = predict(rows, SETTINGS, (p) => progress.push(p));
});
afterAll(() => engine.close());

/** The BG/NBD fit (the default model) as the published parameters name it. */
function bgOf(r: PredictResult) {
  expect(r.fit.model).toBe('bgnbd');
  const { r: rr, alpha, a, b } = r.fit.params;
  return { r: rr, alpha, a, b, logLikelihood: r.fit.logLikelihood, iterations: r.fit.iterations };
}

const within = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);

describe('predict on CDNOW', () => {
  it('fits the published BG/NBD and Gamma-Gamma parameters without warnings', () => {
    const { gg } = result;
    const bg = bgOf(result);
    within(bg.r, 0.243, 0.005);
    within(bg.alpha, 4.414, 0.005);
    within(bg.a, 0.793, 0.005);
    within(bg.b, 2.426, 0.005);
    within(bg.logLikelihood, -9582.43, 0.05);
    expect(gg).not.toBeNull();
    within(gg!.p, 6.25, 0.01);
    within(gg!.q, 3.74, 0.01);
    within(gg!.gamma, 15.44, 0.01);
    expect(gg!.customers).toBe(946);
    expect(result.warnings).toEqual([]);
  });

  it('compares holdout purchases by calibration frequency with a direct count', async () => {
    const groups = (await engine.query(GROUPS_SQL)).rows;
    const customers = (await engine.query(DIRECT_SQL)).rows;
    const labels = ['0', '1', '2', '3', '4', '5', '6', '7+'];
    expect(result.byFrequency.map((r) => r.x)).toEqual(labels);
    expect(result.byFrequency.map((r) => r.customers)).toEqual(groups.map((g) => g.customers));
    expect(result.byFrequency.reduce((s, r) => s + r.customers, 0)).toBe(2357);
    groups.forEach((g, i) => {
      const row = result.byFrequency[i]!;
      within(row.actual, Number(g.actual), 1e-12);
      const members = customers.filter((c) => Math.min(Number(c.x), 7) === g.grp);
      const mean =
        members.reduce(
          (s, c) =>
            s +
            conditionalExpectedPurchases(bgOf(result), 39, Number(c.x), Number(c.tx), Number(c.T)),
          0,
        ) / members.length;
      within(row.predicted, mean, 1e-9);
    });
    // Fader, Hardie & Lee (2005), Figure 4: customers without repeat purchases make about 0.24
    // in the holdout, the model says about 0.23. The data: 334 purchases by 1,411 customers.
    expect(groups[0]).toMatchObject({ customers: 1411, holdout: 334 });
    within(result.byFrequency[0]!.actual, 334 / 1411, 1e-12);
    within(result.byFrequency[0]!.predicted, 0.23, 0.01);
    within(result.byFrequency[0]!.predicted, result.byFrequency[0]!.actual, 0.1);
    within(result.byFrequency[3]!.predicted, result.byFrequency[3]!.actual, 0.1);
    // Customers with 1 or 2 repeat purchases buy more than the model expects: 306 / 439 = 0.70
    // vs 0.52 and 298 / 214 = 1.39 vs 1.04, so no 0.1 band holds for them.
    expect(groups[1]).toMatchObject({ customers: 439, holdout: 306 });
    expect(groups[2]).toMatchObject({ customers: 214, holdout: 298 });
    within(result.byFrequency[1]!.predicted, 0.52, 0.01);
    within(result.byFrequency[2]!.predicted, 1.04, 0.01);
  });

  it('compares holdout purchases by calibration recency with a direct count', async () => {
    // T is at most 39 weeks: 8 slices of 5 weeks of recency, one-time buyers apart.
    const grouped = `SELECT *, CASE WHEN x = 0 THEN -1 ELSE least(floor(tx / 5), 7) END AS grp
      FROM (${DIRECT_SQL})`;
    const customers = (await engine.query(grouped)).rows;
    const groups = (
      await engine.query(`SELECT grp, CAST(count(*) AS INTEGER) AS customers, avg(x_star) AS actual
        FROM (${grouped}) GROUP BY grp ORDER BY grp`)
    ).rows;
    expect(result.byRecency.map((r) => r.from)).toEqual(
      groups.map((g) => (Number(g.grp) < 0 ? null : Number(g.grp) * 5)),
    );
    expect(result.byRecency[0]).toMatchObject({ customers: 1411 });
    groups.forEach((g, i) => {
      const row = result.byRecency[i]!;
      expect(row.customers).toBe(g.customers);
      within(row.actual, Number(g.actual), 1e-12);
      const members = customers.filter((c) => Number(c.grp) === Number(g.grp));
      const mean =
        members.reduce(
          (s, c) =>
            s +
            conditionalExpectedPurchases(bgOf(result), 39, Number(c.x), Number(c.tx), Number(c.T)),
          0,
        ) / members.length;
      within(row.predicted, mean, 1e-9);
    });
  });

  it('counts customers by calibration repeat purchases beside the model (Figure 3)', async () => {
    const groups = (await engine.query(GROUPS_SQL)).rows;
    expect(result.repeatHistogram.map((r) => r.actual)).toEqual(groups.map((g) => g.customers));
    const expected = result.repeatHistogram.map((r) => r.expected);
    within(
      expected.reduce((s, v) => s + v, 0),
      2357,
      1e-6,
    );
    // The model's in-sample fit is close: within 5% of the 1,411 customers without repeats.
    within(expected[0]!, 1411, 0.05 * 1411);
    expect(result.aliveMatrix.T).toBe(Math.max(...rows.map((r) => Number(r.T))));
  });

  it('scores every customer: P(alive) in (0, 1], finite spend and CLV', () => {
    expect(result.customerIds).toHaveLength(2357);
    expect(result.customerIds.slice(0, 3)).toEqual(['1', '2', '3']);
    for (let i = 0; i < 2357; i++) {
      expect(result.pAlive[i]).toBeGreaterThan(0);
      expect(result.pAlive[i]).toBeLessThanOrEqual(1);
      if (rows[i]!.frequency === 0) expect(result.pAlive[i]).toBe(1);
      expect(Number.isFinite(result.expectedSpend[i])).toBe(true);
      expect(Number.isFinite(result.clv[i])).toBe(true);
      expect(result.clv[i]).toBeGreaterThan(0);
    }
  });

  it('forecasts purchases over 9 months of 4.345 weeks, conditional on each history', () => {
    for (const id of ['1', '2', '3', '6', '157']) {
      const i = result.customerIds.indexOf(id);
      const r = rows[i]!;
      const expected = conditionalExpectedPurchases(
        bgOf(result),
        9 * 4.345,
        Number(r.frequency),
        Number(r.recency),
        Number(r.T),
      );
      expect(result.expectedPurchases[i]).toBe(expected);
    }
  });

  it('gives first-time buyers the mean spend p*gamma/(q-1) and matches customerLifetimeValue', () => {
    const gg = result.gg!;
    const three = result.customerIds.indexOf('3'); // x = 0
    within(result.expectedSpend[three], (gg.p * gg.gamma) / (gg.q - 1), 1e-9);
    const one = result.customerIds.indexOf('1'); // x = 2, mean repeat spend 22.35
    const m = Number(rows[one]!.monetary_value);
    within(result.expectedSpend[one], (gg.p * (gg.gamma + 2 * m)) / (gg.p * 2 + gg.q - 1), 1e-9);
    const summary = {
      frequency: Float64Array.of(2),
      recency: Float64Array.of(Number(rows[one]!.recency)),
      T: Float64Array.of(Number(rows[one]!.T)),
      monetaryValue: Float64Array.of(m),
    };
    const clv = customerLifetimeValue(bgOf(result), gg, summary, {
      months: 9,
      monthlyDiscountRate: 0.01,
      margin: 1,
      unit: 'weeks',
    });
    expect(result.clv[one]).toBe(clv[0]);
  });

  it('reports progress stage by stage, ending with every customer scored', () => {
    const stages = progress.map((p) => p.stage);
    const firstGg = stages.indexOf('gamma-gamma');
    const firstScore = stages.indexOf('scoring');
    expect(stages.lastIndexOf('bgnbd')).toBeLessThan(firstGg);
    expect(stages.lastIndexOf('gamma-gamma')).toBeLessThan(firstScore);
    expect(stages.filter((s) => s === 'bgnbd')).toHaveLength(bgOf(result).iterations);
    expect(progress.filter((p) => p.stage === 'scoring').map((p) => p.iteration)).toEqual([
      2000, 2357,
    ]);
    within(progress[firstGg - 1]!.logLikelihood, bgOf(result).logLikelihood, 1e-6);
  });

  it('leaves byFrequency empty without holdout columns', () => {
    const calibrationOnly = rows.map(
      ({ holdout_frequency: _f, holdout_spend: _s, holdout_duration: _d, ...rest }) => rest,
    );
    const r = predict(calibrationOnly, SETTINGS);
    expect(r.byFrequency).toEqual([]);
    expect(r.churn).toBeNull();
    expect(r.expectedPurchases).toEqual(result.expectedPurchases);
  });
});

describe('predict: model choice and comparison', () => {
  it('fits Pareto/NBD when asked, with the published estimates and standard errors', () => {
    const r = predict(rows, { ...SETTINGS, model: 'pareto-nbd' });
    expect(r.fit.model).toBe('pareto-nbd');
    within(r.fit.params.r, 0.553, 0.01);
    within(r.fit.params.alpha, 10.578, 0.01);
    within(r.fit.params.s, 0.606, 0.01);
    within(r.fit.params.beta, 11.669, 0.01);
    expect(r.fit.estimates.map((e) => e.name)).toEqual(['r', 'alpha', 's', 'beta']);
    for (const e of r.fit.estimates) {
      expect(e.standardError).toBeGreaterThan(0);
      expect(e.low).toBeLessThan(e.value);
      expect(e.high).toBeGreaterThan(e.value);
    }
    expect(r.comparison).toBeNull();
    // P(alive) differs from BG/NBD's: one-time buyers are not certainly alive under Pareto/NBD.
    expect(r.pAlive.some((p, i) => Math.abs(p - result.pAlive[i]) > 0.01)).toBe(true);
  });

  it('compares the three models on the holdout and recommends the lowest per-customer MAE', async () => {
    const r = predict(rows, { ...SETTINGS, compare: true });
    const comparison = r.comparison!;
    expect(comparison.basis).toBe('holdout');
    expect(comparison.rows.map((row) => row.model)).toEqual(['bgnbd', 'pareto-nbd', 'mbgnbd']);
    // Independently: actual holdout purchases straight from the orders, predictions per model.
    const direct = (await engine.query(DIRECT_SQL)).rows;
    const byId = new Map(direct.map((d) => [String(d.sample_id), Number(d.x_star)]));
    const actual = r.customerIds.map((id) => byId.get(id)!);
    const total = actual.reduce((s, v) => s + v, 0);
    expect(total).toBe(rows.reduce((sum, row) => sum + Number(row.holdout_frequency), 0));
    const maes = comparison.fits.map((fit) => {
      let sum = 0;
      rows.forEach((row, i) => {
        const p = modelConditionalExpectedPurchases(
          fit as PurchaseModelFit,
          39,
          Number(row.frequency),
          Number(row.recency),
          Number(row.T),
        );
        sum += Math.abs(p - actual[i]);
      });
      return sum / rows.length;
    });
    comparison.rows.forEach((row, k) => within(row.holdoutMae, maes[k], 1e-9));
    const best = comparison.rows[maes.indexOf(Math.min(...maes))].model;
    expect(comparison.recommended).toBe(best);
    within(comparison.rows[0].logLikelihood, -9582.43, 0.05);
    within(comparison.rows[1].logLikelihood, -9595.0, 0.05);
  });
});

describe('predict: churn validation', () => {
  it('scores P(alive) against no holdout purchase, as counted straight from the orders', async () => {
    const direct = (await engine.query(DIRECT_SQL)).rows;
    const byId = new Map(direct.map((d) => [String(d.sample_id), Number(d.x_star)]));
    const bought = result.customerIds.map((id) => (byId.get(id)! > 0 ? 1 : 0));
    const churn = result.churn!;
    expect(churn.customers).toBe(2357);
    expect(churn.churned).toBe(bought.filter((b) => b === 0).length);
    let brier = 0;
    result.pAlive.forEach((p, i) => (brier += (p - bought[i]) ** 2));
    within(churn.brier, brier / 2357, 1e-12);
    // AUC by counting pairs directly: buyers should have the higher P(alive).
    let pairs = 0;
    let wins = 0;
    result.pAlive.forEach((pi, i) => {
      if (bought[i]) return;
      result.pAlive.forEach((pj, j) => {
        if (!bought[j]) return;
        pairs++;
        wins += pi < pj ? 1 : pi === pj ? 0.5 : 0;
      });
    });
    within(churn.auc, wins / pairs, 1e-12);
    expect(churn.calibration).toHaveLength(10);
  });

  it('ranks churn better with MBG/NBD, whose one-time buyers are not certainly alive', () => {
    // BG/NBD gives every customer without repeat purchases P(alive) = 1, yet they are the
    // likeliest not to buy again, so its P(alive) ranks churn worse than chance on CDNOW.
    const mbg = predict(rows, { ...SETTINGS, model: 'mbgnbd' }).churn!;
    console.log(result.churn!.auc, mbg.auc, result.churn!.brier, mbg.brier);
    expect(result.churn!.auc).toBeLessThan(0.5);
    expect(mbg.auc).toBeGreaterThan(0.5);
  });
});

describe('predict: spend edge cases', () => {
  it('skips the spend model with too few positive-spend repeat buyers, and says so', () => {
    let kept = 0;
    const few = rows.map((r) => {
      if (Number(r.frequency) > 0 && kept++ >= MIN_SPEND_BUYERS - 1) {
        return { ...r, monetary_value: 0 };
      }
      return r;
    });
    const r = predict(few, SETTINGS);
    expect(r.gg).toBeNull();
    const codes = r.warnings.map((w) => w.code);
    expect(codes).toContain('non-positive-spend');
    const skip = r.warnings.find((w) => w.code === 'few-repeat-buyers')!;
    expect(skip.message.en).toMatch(/Only 9 repeat buyers with a positive spend/);
    expect(skip.message.zh).toMatch(/仅有 9 位消费为正的复购客户/);
    expect(r.expectedSpend.every(Number.isNaN)).toBe(true);
    expect(r.clv.every(Number.isNaN)).toBe(true);
    expect(r.pAlive).toEqual(result.pAlive);
  });

  it('keeps one few-repeat-buyers warning, the spend model one, when both apply', () => {
    let repeaters = 0;
    const sparse = rows.filter((r) => Number(r.frequency) === 0 || repeaters++ < 5);
    const r = predict(sparse, SETTINGS);
    expect(r.gg).toBeNull();
    const few = r.warnings.filter((w) => w.code === 'few-repeat-buyers');
    expect(few).toHaveLength(1);
    expect(few[0]!.message.en).toMatch(/Only 5 repeat buyers with a positive spend/);
  });

  it('counts a negative mean repeat spend (returns) as 0 spend', () => {
    const i = result.customerIds.indexOf('1'); // x = 2
    const refunded = rows.map((r, j) => (j === i ? { ...r, monetary_value: -5 } : r));
    const r = predict(refunded, SETTINGS);
    const gg = r.gg!;
    expect(gg.customers).toBe(945);
    within(r.expectedSpend[i], (gg.p * gg.gamma) / (gg.p * 2 + gg.q - 1), 1e-9);
    expect(r.clv[i]).toBeGreaterThan(0);
    expect(r.warnings.map((w) => w.code)).toEqual(['non-positive-spend']);
  });
});

describe('predict: refusals', () => {
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ClvInputError);
      return (e as ClvInputError).labels;
    }
    throw new Error('did not throw');
  };

  it('rejects bad settings in both languages', () => {
    const bad = (s: Partial<PredictSettings>) =>
      refusal(() => predict(rows, { ...SETTINGS, ...s }));
    expect(bad({ horizonMonths: 0 }).en).toMatch(/whole number of months from 1 to 240, got 0/);
    expect(bad({ horizonMonths: 1.5 }).zh).toMatch(/整月数/);
    expect(bad({ monthlyDiscountRate: 1 }).en).toMatch(/discount rate/);
    expect(bad({ margin: 0 }).zh).toMatch(/利润率/);
    expect(bad({ unit: 'months' as 'days' }).en).toMatch(/Unknown time unit "months"/);
  });

  it('refuses to fit without customers or without observation time', () => {
    expect(refusal(() => predict([], SETTINGS)).en).toMatch(/No customers/);
    const sameDay = [{ customer_id: 'a', frequency: 0, recency: 0, T: 0, monetary_value: 0 }];
    expect(refusal(() => predict(sameDay, SETTINGS)).zh).toMatch(/校准期结束当天首次购买/);
  });

  it('names a row without a customer id or with impossible history', () => {
    const noId = [{ ...rows[0], customer_id: null }];
    expect(refusal(() => predict(noId, SETTINGS)).en).toBe('Summary row 1 has no customer_id.');
    const broken = [{ ...rows[0], recency: 99 }];
    expect(refusal(() => predict(broken, SETTINGS)).en).toMatch(/Customer 1: recency/);
  });
});
