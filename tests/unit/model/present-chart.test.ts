import { describe, expect, it } from 'vitest';
import { parseNotebook, serializeNotebook } from '../../../src/io/notebook-file';
import type { Notebook } from '../../../src/model/notebook';
import {
  headlineChart,
  presentChartChoices,
  presentChartFor,
} from '../../../src/model/present-chart';

describe('presentChartFor', () => {
  it("defaults to each preset's headline chart, not the same donut for all", () => {
    expect(presentChartFor({ presetId: 'value-loyalty' })).toBe('quadrant');
    expect(presentChartFor({ presetId: 'rfm' })).toBe('scorecard');
    expect(presentChartFor({ presetId: 'lifecycle' })).toBe('migration');
    expect(presentChartFor({ presetId: 'geography' })).toBe('geography');
    expect(presentChartFor({ presetId: 'value-tiers' })).toBe('shares');
    expect(headlineChart('needs')).toBe('shares');
  });

  it("takes the author's choice, unless the preset cannot draw it", () => {
    expect(presentChartFor({ presetId: 'rfm', view: { present: 'shares' } })).toBe('shares');
    expect(presentChartFor({ presetId: 'rfm', view: { present: 'none' } })).toBe('none');
    // Only value × loyalty has a quadrant.
    expect(presentChartChoices('rfm')).not.toContain('quadrant');
    expect(presentChartFor({ presetId: 'rfm', view: { present: 'quadrant' } })).toBe('scorecard');
  });

  it('survives saving and loading the notebook, as does a note', () => {
    const nb: Notebook = {
      version: 1,
      title: 't',
      tables: [],
      mappings: [],
      asOf: '',
      cells: [
        { id: 'n', kind: 'markdown', source: 'Open the tab', note: true },
        {
          id: 'p',
          kind: 'preset',
          presetId: 'rfm',
          params: {},
          name: 'rfm_segments',
          strategies: {},
          view: { present: 'shares' },
        },
      ],
    };
    const back = parseNotebook(serializeNotebook(nb));
    expect(back.cells[0]).toMatchObject({ note: true });
    expect(back.cells[1]).toMatchObject({ view: { present: 'shares' } });
  });
});
