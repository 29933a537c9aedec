import { describe, expect, it } from 'vitest';
import { markdownRenderProblem } from '../../../src/model/notebook-limits';

describe('markdownRenderProblem', () => {
  it('says why a markdown text is shown plain: too many characters, or too large a table', () => {
    const table = (rows: number, cols: number) =>
      Array.from({ length: rows }, () => `|${' x |'.repeat(cols)}`).join('\n');
    expect(markdownRenderProblem('# Hi\n\n| a | b |\n|---|---|\n| 1 | 2 |')).toBeNull();
    expect(markdownRenderProblem(table(25, 40))).toBeNull();
    expect(markdownRenderProblem(table(500, 2))).toBeNull();
    expect(markdownRenderProblem(table(501, 3))).toEqual({ rows: 501, columns: 3 });
    expect(markdownRenderProblem(table(3, 41))).toEqual({ rows: 3, columns: 41 });
    // 26 × 40 = 1,040 cells in one table; two tables of 500 each are 1,000 between them.
    expect(markdownRenderProblem(table(26, 40))).toEqual({ cells: 1_040 });
    const two = (a: number, b: number) => `${table(a, 10)}\n\ntext\n\n${table(b, 10)}`;
    expect(markdownRenderProblem(two(50, 50))).toBeNull();
    expect(markdownRenderProblem(two(50, 51))).toEqual({ cells: 1_010 });
    expect(markdownRenderProblem('x'.repeat(100_001))).toEqual({ characters: 100_001 });
  });
});
