import { afterEach, describe, expect, it } from 'vitest';
import { defaultPredictCell, newCellId, type Cell } from '../../../src/model/notebook';
import type { Workspace } from '../../../src/state/Workspace.svelte';
import { MemoryBackend } from '../../support/memory-backend';
import { MemoryStorage, nodeWorkspace } from '../../support/workspace';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

function page(storage: Storage, backend: MemoryBackend) {
  const w = nodeWorkspace({ storage, backend });
  closers.push(w.close);
  return w.ws;
}

const preset = (presetId: string, name: string, params: Record<string, unknown> = {}): Cell => ({
  id: newCellId(),
  kind: 'preset',
  presetId,
  params,
  name,
  strategies: {},
});

/** Every preset cell's segment counts, by cell name. */
function digest(ws: Workspace): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const cell of ws.notebook.notebook.cells) {
    const run = ws.notebook.runs[cell.id];
    if (cell.kind !== 'preset') continue;
    const summary = run?.result && 'summary' in run.result ? run.result.summary : [];
    out[cell.name] = Object.fromEntries(
      summary.map((r) => [String(r.segment), Number(r.customers)]),
    );
  }
  return out;
}

describe('cells run in dependency order, whatever their place on the page', () => {
  it('a churn-risk preset above its Predict cell, and Combine above its inputs', async () => {
    const storage = new MemoryStorage();
    const backend = new MemoryBackend();
    const ws = page(storage, backend);
    await ws.start();
    const nb = ws.notebook.notebook;
    // Awkward order: Combine first, then churn risk, then the tiers it combines, Predict last.
    nb.cells = [
      preset('combine', 'risk_x_tiers', { left: 'risk', right: 'tiers' }),
      preset('churn-risk', 'risk'),
      preset('value-tiers', 'tiers'),
      defaultPredictCell(newCellId(), 'clv'),
    ];
    ws.notebook.saveNow();
    await ws.cells.runAll();
    for (const cell of nb.cells) expect(ws.notebook.runs[cell.id]?.status).toBe('done');
    const first = digest(ws);
    expect(first.risk?.['Not scored'] ?? 0).toBeLessThan(100);
    expect(Object.values(first.risk!).reduce((a, b) => a + b, 0)).toBe(5000);
    expect(Object.values(first.risk_x_tiers!).reduce((a, b) => a + b, 0)).toBe(5000);

    // Reloaded: the same numbers.
    const reloaded = page(storage, backend);
    await reloaded.start();
    expect(digest(reloaded)).toEqual(first);
  }, 180_000);

  it('a Combine pointed at churn risk while Predict re-runs it gets its result', async () => {
    const ws = page(new MemoryStorage(), new MemoryBackend());
    await ws.start();
    const nb = ws.notebook.notebook;
    const tiers = preset('value-tiers', 'tiers');
    const risk = preset('churn-risk', 'risk');
    const predictCell = defaultPredictCell(newCellId(), 'clv');
    nb.cells = [tiers, risk];
    await ws.cells.runAll();
    // No Predict cell yet: churn risk has no result table.
    expect(ws.notebook.runs[risk.id]?.status).toBe('error');
    nb.cells.push(predictCell);
    // As the user would: while Predict's readers re-run (tiers first, then churn risk), a
    // Combine cell is added and pointed at churn risk. It runs at once, before churn risk has
    // its table, and fails; the re-runs must not leave it so.
    const combine = preset('combine', 'risk_x_tiers', { left: 'risk', right: 'tiers' });
    let combineRun: Promise<void> | undefined;
    const setRun = ws.notebook.setRun.bind(ws.notebook);
    ws.notebook.setRun = (id, run) => {
      setRun(id, run);
      if (id === tiers.id && run.status === 'running' && !combineRun) {
        nb.cells.unshift(combine);
        combineRun = ws.cells.runCell(combine.id);
      }
    };
    await ws.cells.runCell(predictCell.id);
    await combineRun;
    expect(combineRun).toBeDefined();
    expect(ws.notebook.runs[risk.id]?.status).toBe('done');
    expect(ws.notebook.runs[combine.id]?.status).toBe('done');
    const counts = digest(ws);
    expect(Object.values(counts.risk_x_tiers!).reduce((a, b) => a + b, 0)).toBe(5000);
  }, 180_000);

  it('without a Predict cell, churn risk says to add one', async () => {
    const ws = page(new MemoryStorage(), new MemoryBackend());
    await ws.start();
    await ws.segments.addPresetCell('churn-risk');
    const cell = ws.notebook.notebook.cells.at(-1)!;
    expect(ws.notebook.runs[cell.id]?.status).toBe('error');
    expect(ws.notebook.runs[cell.id]?.error).toMatch(/Add one with “\+ Segmentation…”/);
  }, 120_000);
});
