import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES_TABLE } from '../../../src/model/features-table';
import { FeaturesState } from '../../../src/state/FeaturesState.svelte';
import { NotebookState } from '../../../src/state/NotebookState.svelte';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`
    CREATE TABLE customer_summary AS SELECT * FROM (VALUES
      ('C1', DATE '2024-03-01', 2, 75.0),
      ('C2', DATE '2024-02-10', 1, 12.5)) AS t(customer_id, last_order_date, orders, total_spent);
    CREATE TABLE rfm AS SELECT * FROM (VALUES ('C1', 3, 2, 75.0), ('C2', 23, 1, 12.5))
      AS t(customer_id, recency, frequency, monetary);
    CREATE TABLE orders AS SELECT * FROM (VALUES ('C1', DATE '2024-01-05', 30.0))
      AS t(customer_id, order_date, amount);`);
});
afterAll(async () => engine.close());

async function features() {
  return (await engine.query(`SELECT * FROM "${FEATURES_TABLE}" ORDER BY customer_id`)).rows;
}

describe('FeaturesState with a customer summary', () => {
  it('builds the features from the summary, as of the day after its last purchase', async () => {
    const state = new FeaturesState(new NotebookState(null));
    state.autoMap('customer_summary', ['customer_id', 'last_order_date', 'orders', 'total_spent']);
    expect(state.mappingOf('customer_summary')?.kind).toBe('summary');
    expect(state.fromSummary).toBe(true);
    expect(await state.ensure(engine)).toBe('2024-03-02');
    const [c1, c2] = await features();
    expect(c1).toMatchObject({ recency_days: 1, frequency: 2, monetary: 75 });
    expect(c2).toMatchObject({ recency_days: 21, frequency: 1, monetary: 12.5 });
    expect(() => state.requireOrders('migration')).toThrow(/Migration needs an orders table/);
    expect(() => state.checkPresetSql('SELECT discount_share FROM f')).toThrow(/discount/);
    expect(() => state.checkPresetSql('SELECT recency_days FROM f')).not.toThrow();
  });

  it('counts recency days back from the notebook’s analysis date, and keeps today’s when unset', async () => {
    const notebook = new NotebookState(null);
    const state = new FeaturesState(notebook);
    state.autoMap('rfm', ['customer_id', 'recency', 'frequency', 'monetary']);
    state.setAsOf('2024-06-30');
    await state.ensure(engine);
    expect((await features()).map((r) => r.last_order_date)).toEqual([
      new Date('2024-06-27T00:00:00Z'),
      new Date('2024-06-07T00:00:00Z'),
    ]);
    const fresh = new NotebookState(null);
    const unset = new FeaturesState(fresh);
    unset.autoMap('rfm', ['customer_id', 'recency', 'frequency', 'monetary']);
    const today = new Date().toISOString().slice(0, 10);
    expect(await unset.ensure(engine)).toBe(today);
    expect(fresh.notebook.asOf).toBe(today);
  });

  it('prefers an orders table, and then asks nothing of the analyses', async () => {
    const state = new FeaturesState(new NotebookState(null));
    state.autoMap('customer_summary', ['customer_id', 'last_order_date', 'orders', 'total_spent']);
    state.autoMap('orders', ['customer_id', 'order_date', 'amount']);
    expect(state.fromSummary).toBe(false);
    expect(() => state.requireOrders('migration')).not.toThrow();
    await state.ensure(engine);
    expect((await features()).map((r) => r.customer_id)).toEqual(['C1']);
  });
});
