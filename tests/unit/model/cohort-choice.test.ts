import { describe, expect, it } from 'vitest';
import { readBundle, writeBundle } from '../../../src/io/bundle-file';
import { parseNotebook, serializeNotebook } from '../../../src/io/notebook-file';
import { readShareFragment, shareFragment } from '../../../src/io/share-link';
import {
  nextCohortChoice,
  parseCohortChoice,
  resolveCohortChoice,
} from '../../../src/model/cohort-choice';
import type { Notebook, PresetCell } from '../../../src/model/notebook';

const cell: PresetCell = {
  id: 'c',
  kind: 'preset',
  presetId: 'rfm',
  params: {},
  name: 'rfm_segments',
  strategies: {},
  view: {
    tab: 'cohorts',
    chart: 'bar',
    cohorts: { period: 'quarter', measure: 'revenue', segment: '重要价值客户' },
  },
};
const notebook: Notebook = {
  version: 1,
  title: 'Cohorts',
  cells: [cell],
  tables: [],
  mappings: [],
  asOf: '',
};

/** The notebook as a file with the cell's saved cohort choice replaced by `cohorts`. */
function crafted(cohorts: unknown): string {
  const file = JSON.parse(serializeNotebook(notebook));
  file.cells[0].view.cohorts = cohorts;
  return JSON.stringify(file);
}

describe('cohort choices saved with a segmentation cell', () => {
  it('survive the notebook file, a share link and a .seglab bundle', () => {
    expect(parseNotebook(serializeNotebook(notebook))).toEqual(notebook);
    expect(readShareFragment(shareFragment(notebook))).toEqual(notebook);
    const bundle = { notebook, createdWith: 'SegLab test', tables: [] };
    expect(readBundle(writeBundle(bundle)).notebook).toEqual(notebook);
  });

  it('drops each bad setting on its own and keeps the rest of the view', () => {
    const parsed = parseNotebook(
      crafted({ period: 'decade', measure: 'revenue', segment: 42, extra: 'x' }),
    );
    expect(parsed.cells[0]).toMatchObject({
      view: { tab: 'cohorts', chart: 'bar', cohorts: { measure: 'revenue' } },
    });
    expect((parsed.cells[0] as PresetCell).view?.cohorts).toEqual({ measure: 'revenue' });
  });

  it('ignores a choice with nothing usable, losing nothing else', () => {
    for (const bad of ['quarter', ['quarter'], null, 7, { period: 'Quarter', measure: '' }]) {
      const parsed = parseNotebook(crafted(bad)).cells[0] as PresetCell;
      expect(parsed.view).toEqual({ tab: 'cohorts', chart: 'bar' });
      expect(parsed.name).toBe('rfm_segments');
    }
  });

  it('refuses an empty or oversized segment label', () => {
    expect(parseCohortChoice({ segment: '' })).toBeUndefined();
    expect(parseCohortChoice({ segment: 'x'.repeat(1001) })).toBeUndefined();
    expect(parseCohortChoice({ segment: 'x'.repeat(1000) })).toEqual({ segment: 'x'.repeat(1000) });
  });

  it('draws monthly active customers for everyone until told otherwise', () => {
    expect(resolveCohortChoice(undefined, ['A'])).toEqual({
      period: 'month',
      measure: 'active',
      segment: null,
    });
  });

  it('shows all customers for a segment the cell no longer has, and keeps it saved', () => {
    const saved = { period: 'week' as const, segment: 'Gone' };
    expect(resolveCohortChoice(saved, ['A', 'B'])).toEqual({
      period: 'week',
      measure: 'active',
      segment: null,
    });
    expect(resolveCohortChoice(saved, ['A', 'Gone']).segment).toBe('Gone');
    // Changing the measure meanwhile leaves the saved segment as it was.
    expect(nextCohortChoice(saved, { measure: 'revenue' })).toEqual({
      period: 'week',
      measure: 'revenue',
      segment: 'Gone',
    });
  });

  it('saves one change at a time; all customers drops the segment', () => {
    const one = nextCohortChoice(undefined, { period: 'quarter' });
    expect(one).toEqual({ period: 'quarter' });
    const two = nextCohortChoice(one, { segment: 'A' });
    expect(two).toEqual({ period: 'quarter', segment: 'A' });
    expect(nextCohortChoice(two, { segment: null })).toEqual({ period: 'quarter' });
    expect(two).toEqual({ period: 'quarter', segment: 'A' });
  });
});
