import { describe, expect, it } from 'vitest';
import { markdownPreview } from '../../../src/model/markdown-preview';

describe('markdownPreview', () => {
  it('leaves a text within the length whole', () => {
    expect(markdownPreview('# Title\n\nshort', 20)).toBeNull();
    expect(markdownPreview('x'.repeat(20), 20)).toBeNull();
  });

  it('cuts at the last paragraph break within the length', () => {
    const text = `${'a'.repeat(60)}\n\n${'b'.repeat(20)}\n${'c'.repeat(30)}`;
    // Paragraph break at 60, line break at 82: the paragraph break wins.
    expect(markdownPreview(text, 100)).toBe('a'.repeat(60));
  });

  it('cuts at a line break when no paragraph break falls in the second half', () => {
    const text = `${'a'.repeat(10)}\n\n${'b'.repeat(60)}\n${'c'.repeat(60)}`;
    expect(markdownPreview(text, 100)).toBe(`${'a'.repeat(10)}\n\n${'b'.repeat(60)}`);
  });

  it('cuts at the length when there is no break in its second half', () => {
    const text = `${'a'.repeat(10)}\n${'w '.repeat(100)}`;
    const preview = markdownPreview(text, 100);
    expect(preview).toBe(text.slice(0, 100));
    expect(preview).toHaveLength(100);
  });
});
