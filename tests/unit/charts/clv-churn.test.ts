import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { churnCalibrationSpec, churnRocSpec } from '../../../src/charts/clv-churn';
import { churnValidation } from '../../../src/model/clv/churn-validation';
import { renderVegaLite, type SceneNode } from '../../support/render-vega';

const sized = (spec: TopLevelSpec) => renderVegaLite({ ...spec, width: 600 } as TopLevelSpec);

type Item = SceneNode & { x?: number; y?: number; tooltip?: unknown };

// The hand-worked customers of churn-validation.test.ts: AUC 5.5 / 6, Brier 0.116.
const V = churnValidation([0.4, 0.1, 0.9, 0.4, 0.8], [2, 0, 1, 0, 3]);

describe('churnRocSpec', () => {
  it('draws the ROC curve over the chance diagonal, with AUC and Brier in the subtitle', async () => {
    const r = await sized(churnRocSpec(V, 'en'));
    expect(r.problems).toEqual([]);
    expect(r.texts('title-text')).toEqual(['Churn risk vs no purchase in the holdout (ROC)']);
    expect(r.texts('title-subtitle')[0]).toMatch(/^AUC 0\.92 .*Brier score 0\.116/);
    expect(r.texts('axis-title')).toEqual(
      expect.arrayContaining([
        'Buyers flagged as at risk (false positive rate)',
        'Non-buyers flagged as at risk (true positive rate)',
      ]),
    );
    const points = (r.items('line') as Item[]).filter((i) => i.datum && 'tpr' in i.datum);
    expect(points).toHaveLength(V.roc.length);
    // The curve's second point (0, 50%) is halfway up the chart, at the left edge.
    const [origin, second] = points;
    expect(second.x).toBeCloseTo(origin.x!, 6);
    expect(second.y!).toBeLessThan(origin.y!);
    expect(r.textItems().every((t) => (t.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('speaks Chinese', async () => {
    const r = await renderVegaLite(churnRocSpec(V, 'zh-CN'));
    expect(r.problems).toEqual([]);
    expect(r.texts('title-text')).toEqual(['流失风险与验证期未购买（ROC 曲线）']);
  });
});

describe('churnCalibrationSpec', () => {
  it('plots one point per decile against the diagonal', async () => {
    const r = await sized(churnCalibrationSpec(V, 'en'));
    expect(r.problems).toEqual([]);
    expect(r.texts('title-text')).toEqual(['P(alive) calibration by decile']);
    const symbols = r.items('symbol') as Item[];
    expect(symbols).toHaveLength(V.calibration.length);
    expect(symbols[0].tooltip).toMatchObject({
      Decile: 2,
      'Share who bought in the holdout': '0.0%',
    });
  });
});
