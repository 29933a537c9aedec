import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../src/model/notebook';
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
