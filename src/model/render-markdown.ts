import MarkdownIt from 'markdown-it';

// Raw HTML is off, so a notebook's text can never inject markup or script; markdown-it also
// refuses javascript:, vbscript: and data: (non-image) links by default.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));

md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  // Links open in a new tab without giving it a handle on this one.
  tokens[idx]!.attrSet('target', '_blank');
  tokens[idx]!.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

const defaultImage = md.renderer.rules.image!;

md.renderer.rules.image = (tokens, idx, options, env, self) => {
  // An image from elsewhere would be a request to another origin (a shared notebook could use
  // one to learn who opened it): only images inside the notebook (data: URLs) are shown; other
  // images show their description.
  const token = tokens[idx]!;
  if (/^data:image\//i.test(String(token.attrGet('src') ?? ''))) {
    return defaultImage(tokens, idx, options, env, self);
  }
  return `<span class="image-omitted">[${md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env))}]</span>`;
};

/** Markdown text -> safe HTML. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
