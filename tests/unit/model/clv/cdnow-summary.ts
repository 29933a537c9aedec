import { summaryFromRows, type CustomerSummary } from '../../../../src/model/clv/summary';
import { amountSql } from '../../../../src/sql/amount';
import { clvSummarySql } from '../../../../src/sql/clv-summary';
import type { NodeEngine } from '../../../support/node-engine';
import { loadCdnow } from './cdnow-fixture';

/**
 * The CDNOW sample's summary as the papers use it: calibration 1997-01-01 .. 1997-09-30
 * (39 weeks), unit weeks, holdout to 1998-06-30. Rows keep the holdout columns.
 */
export async function cdnowSampleSummary(
  engine: NodeEngine,
): Promise<{ rows: Record<string, unknown>[]; summary: CustomerSummary }> {
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
  const { rows } = await engine.query(sql);
  return { rows, summary: summaryFromRows(rows) };
}
