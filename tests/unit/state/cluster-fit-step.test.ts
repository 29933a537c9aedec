import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterFit } from '../../../src/model/clustering/cluster-fit';
import type { PresetCell } from '../../../src/model/notebook';
import type { Workspace } from '../../../src/state/Workspace.svelte';
import { nodeWorkspace } from '../../support/workspace';

let ws: Workspace;
let close: () => void;
let id: string;

beforeAll(async () => {
  const w = nodeWorkspace();
  ws = w.ws;
  close = w.close;
  await ws.start();
  await ws.segments.addPresetCell('clusters');
  id = ws.notebook.notebook.cells.at(-1)!.id;
}, 180_000);
afterAll(() => close());

const cell = () => ws.notebook.cell(id) as PresetCell;
const fit = () => cell().params.fit as ClusterFit;
const summary = () => {
  const r = ws.notebook.runs[id]?.result;
  return r && 'summary' in r ? r.summary : [];
};

describe('a clusters cell on the sample', () => {
  it('fits when it first runs, and keeps the fit with its analysis date', async () => {
    expect(ws.notebook.runs[id]?.status).toBe('done');
    expect(fit().asOf).toBe(ws.features.asOfUsed);
    // Customers missing a default feature: those without orders (no recency, tenure or AOV).
    const { rows } = await ws.exclusive((e) =>
      e.query(
        'SELECT count(*) FILTER (WHERE last_order_date IS NULL) AS missing, count(*) AS n FROM customer_features',
      ),
    );
    expect(fit().notClustered).toBe(Number(rows[0]!.missing));
    expect(fit().customers + fit().notClustered).toBe(Number(rows[0]!.n));
    const segments = summary().map((r) => String(r.segment));
    const clusters = segments.filter((s) => s.startsWith('Cluster '));
    expect(clusters.length).toBe(fit().bestK);
    const notClustered = summary().find((r) => r.segment === 'Not clustered');
    expect(Number(notClustered?.customers ?? 0)).toBe(fit().notClustered);
  });

  it('changes k without fitting again, and fits again for another seed', async () => {
    // A mark only the stored fit carries: a new fit would not have it.
    cell().params.fit = { ...fit(), restarts: fit().restarts } as ClusterFit;
    (cell().params.fit as ClusterFit).solutions[0]!.inertia = -1;
    cell().params.k = '2';
    await ws.cells.runCell(id);
    expect(fit().solutions[0]!.inertia).toBe(-1);
    expect(summary().filter((r) => String(r.segment).startsWith('Cluster ')).length).toBe(2);
    cell().params.seed = 7;
    await ws.cells.runCell(id);
    expect(fit().seed).toBe(7);
    expect(fit().solutions[0]!.inertia).toBeGreaterThan(0);
  });
});
