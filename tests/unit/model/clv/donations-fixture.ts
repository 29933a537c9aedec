import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BgBbData } from '../../../../src/model/clv/bgbb';

/** tests/fixtures/lifetimes/donations.csv: 22 (x, t_x, n) rows with weights, 11,104 donors. */
export function loadDonations(): BgBbData & { weights: Float64Array } {
  const file = fileURLToPath(new URL('../../../fixtures/lifetimes/donations.csv', import.meta.url));
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const cols = lines.map((l) => l.split(',').map(Number));
  return {
    frequency: Float64Array.from(cols, (c) => c[0]),
    recency: Float64Array.from(cols, (c) => c[1]),
    periods: Float64Array.from(cols, (c) => c[2]),
    weights: Float64Array.from(cols, (c) => c[3]),
  };
}
