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

/** Markdown text -> safe HTML. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
