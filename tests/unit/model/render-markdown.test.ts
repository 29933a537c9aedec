import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/model/render-markdown';

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('# 客户分层\n\n**bold** and `code`')).toBe(
      '<h1>客户分层</h1>\n<p><strong>bold</strong> and <code>code</code></p>\n',
    );
  });

  it('escapes raw HTML instead of injecting it', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)>\n\n<script>alert(2)</script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('drops javascript: links and opens others safely', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href="javascript');
    expect(renderMarkdown('[docs](https://example.com)')).toContain(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer">docs</a>',
    );
  });

  it('shows images from elsewhere as their description, never fetching them', () => {
    expect(renderMarkdown('![logo](https://tracker.example/p.png?who=me)')).toBe(
      '<p><span class="image-omitted">[logo]</span></p>\n',
    );
    expect(renderMarkdown('![a <b>](/local.png)')).toBe(
      '<p><span class="image-omitted">[a &lt;b&gt;]</span></p>\n',
    );
    expect(renderMarkdown('![dot](data:image/png;base64,iVBORw0KGgo=)')).toBe(
      '<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="dot"></p>\n',
    );
  });
});
