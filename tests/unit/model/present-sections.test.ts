import { describe, expect, it } from 'vitest';
import type { Cell, PresetView } from '../../../src/model/notebook';
import { presentSections } from '../../../src/model/present-sections';

const md = (id: string, source = `# ${id}`): Cell => ({ id, kind: 'markdown', source });
const sql = (id: string): Cell => ({ id, kind: 'sql', source: 'SELECT 1' });

describe('presentSections', () => {
  it('puts each text with the first result after it; other results get their own', () => {
    const cells = [
      md('intro'),
      md('monthly'),
      sql('m'),
      md('blank', '  '),
      sql('x'),
      sql('y'),
      sql('notrun'),
      md('end'),
    ];
    const sections = presentSections(cells, (c) => c.id !== 'notrun');
    expect(sections.map((s) => s.cells.map((c) => c.id))).toEqual([
      ['intro'],
      ['monthly', 'm'],
      ['x'],
      ['y'],
      ['end'],
    ]);
    expect(sections.map((s) => s.id)).toEqual(['intro', 'monthly', 'x', 'y', 'end']);
  });

  it('starts with a result when the notebook has no text first', () => {
    expect(presentSections([sql('a'), md('t'), sql('b')], () => true).map((s) => s.id)).toEqual([
      'a',
      't',
    ]);
  });
});

describe('presentSections and notes', () => {
  it('leaves text marked as a note to the author out of the deck', () => {
    const note: Cell = {
      id: 'how',
      kind: 'markdown',
      source: 'Open the Quadrant tab…',
      note: true,
    };
    const sections = presentSections([md('q'), note, sql('x'), note, sql('y')], () => true);
    expect(sections.map((s) => s.cells.map((c) => c.id))).toEqual([['q', 'x'], ['y']]);
  });
});

describe('presentSections and cohorts', () => {
  const preset = (id: string, cohorts?: PresetView['cohorts']): Cell => ({
    id,
    kind: 'preset',
    presetId: 'rfm',
    params: {},
    name: id,
    strategies: {},
    ...(cohorts ? { view: { cohorts } } : {}),
  });
  const shape = (sections: ReturnType<typeof presentSections>) =>
    sections.map((s) => `${s.cells.map((c) => c.id).join('+')}${s.part ? `:${s.part}` : ''}`);

  it('follows a segmentation with its cohorts, as the cell saved them', () => {
    const cells = [md('t'), preset('a', { period: 'quarter', segment: 'Champions' }), sql('x')];
    const sections = presentSections(cells, () => true, { cohorts: true });
    expect(shape(sections)).toEqual(['t+a', 'a:cohorts', 'x']);
    expect(sections[1]!.id).toBe('a:cohorts');
  });

  it('shows the cohorts of all customers once: they are the same for every segmentation', () => {
    const cells = [
      preset('a'),
      preset('b', { period: 'month', measure: 'active' }),
      preset('c', { period: 'week' }),
      preset('d', { segment: 'Lost' }),
      preset('e', { segment: 'Lost' }),
    ];
    expect(shape(presentSections(cells, () => true, { cohorts: true }))).toEqual([
      'a',
      'a:cohorts',
      'b',
      'c',
      'c:cohorts',
      'd',
      'd:cohorts',
      'e',
      'e:cohorts',
    ]);
  });

  it('shows no cohorts without dated orders, nor for a cell not shown', () => {
    const cells = [preset('a'), preset('b')];
    expect(shape(presentSections(cells, () => true))).toEqual(['a', 'b']);
    expect(shape(presentSections(cells, (c) => c.id === 'b', { cohorts: true }))).toEqual([
      'b',
      'b:cohorts',
    ]);
  });
});
