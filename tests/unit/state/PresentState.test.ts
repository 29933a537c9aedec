import { describe, expect, it } from 'vitest';
import { NotebookState } from '../../../src/state/NotebookState.svelte';
import { PresentState } from '../../../src/state/PresentState.svelte';

describe('PresentState', () => {
  it('moves between slides within the slides there are', () => {
    const present = new PresentState(new NotebookState(null));
    present.enter();
    expect(present.on).toBe(true);
    present.move(-1, 3);
    expect(present.slide).toBe(0);
    present.move(1, 3);
    present.move(1, 3);
    present.move(1, 3);
    expect(present.slide).toBe(2);
    present.go(10, 3);
    expect(present.slide).toBe(2);
    present.exit();
    present.enter();
    expect(present.slide).toBe(0);
  });

  it('keeps title, subtitle and logo in the notebook; refuses a file that is no image', () => {
    const notebook = new NotebookState(null);
    const present = new PresentState(notebook);
    present.setTitle('Q4 review');
    present.setSubtitle('ACME · 2025');
    present.setLogo('data:image/svg+xml;base64,PHN2Zy8+', 'acme.svg');
    expect(notebook.notebook.title).toBe('Q4 review');
    expect(notebook.notebook.present).toEqual({
      subtitle: 'ACME · 2025',
      logo: 'data:image/svg+xml;base64,PHN2Zy8+',
    });
    expect(() => present.setLogo('data:text/html;base64,PGI+', 'page.html')).toThrow(
      /page\.html is not a PNG, JPEG, GIF, WebP or SVG image/,
    );
    present.removeLogo();
    present.setSubtitle(' ');
    expect(notebook.notebook.present).toEqual({});
  });
});
