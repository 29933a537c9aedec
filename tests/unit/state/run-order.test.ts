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

  it('without a Predict cell, churn risk says to add one', async () => {
    const ws = page(new MemoryStorage(), new MemoryBackend());
    await ws.start();
    await ws.segments.addPresetCell('churn-risk');
    const cell = ws.notebook.notebook.cells.at(-1)!;
    expect(ws.notebook.runs[cell.id]?.status).toBe('error');
    expect(ws.notebook.runs[cell.id]?.error).toMatch(/Add one with “\+ Segmentation…”/);
  }, 120_000);
});
