import type { Notebook } from '../model/notebook';
import type { LangState } from './LangState.svelte';
import type { NoticeAction, NoticeKind } from './load-notices';
import type { NotebookState } from './NotebookState.svelte';

export interface ShareContext {
  notebook: NotebookState;
  lang: LangState;
  notify: (kind: NoticeKind, text: string, action?: NoticeAction) => void;
  /** Opens a notebook in place of the current one (loading the sample, running it). */
  open: (notebook: Notebook) => Promise<void>;
  /** Opens a notebook again with the files this browser keeps for it (Undo). */
  reopen: (notebook: Notebook) => Promise<void>;
}

export type ShareLink = { url: string; withoutLogo: boolean } | { error: string };

/** Links that carry a notebook's definition (never data) in the URL fragment. */
export class ShareActions {
  constructor(private readonly ctx: ShareContext) {}

  /** A link to the open notebook at `base` (the app's URL); the logo goes if it is too long. */
  async link(base: string): Promise<ShareLink> {
    // Loaded on first use: the compressor stays out of the first screen's bundle.
    const { shareFragment, ShareLinkError } = await import('../io/share-link');
    const notebook = $state.snapshot(this.ctx.notebook.notebook) as Notebook;
    const url = base.replace(/#.*$/, '');
    try {
      return { url: url + shareFragment(notebook), withoutLogo: false };
    } catch (e) {
      if (!(e instanceof ShareLinkError) || !notebook.present?.logo) {
        return { error: this.ctx.lang.t('share.tooLarge') };
      }
    }
    const { logo: _logo, ...present } = notebook.present;
    try {
      return { url: url + shareFragment({ ...notebook, present }), withoutLogo: true };
    } catch {
      return { error: this.ctx.lang.t('share.tooLarge') };
    }
  }

  /**
   * Opens the notebook of a `#nb=` fragment. It replaces the open notebook, which an Undo on the
   * notice brings back. Nothing runs that reads outside the tab: the engine's sandbox refuses
   * URLs and paths for every cell. Resolves to whether the link could be read.
   */
  async open(hash: string): Promise<boolean> {
    const { t } = this.ctx.lang;
    const [{ ShareLinkError }, { readShareInWorker }] = await Promise.all([
      import('../io/share-link'),
      import('./read-notebook-in-worker'),
    ]);
    let shared: Notebook;
    try {
      shared = await readShareInWorker(hash);
    } catch (e) {
      const code = e instanceof ShareLinkError ? e.code : 'damaged';
      const detail = e instanceof Error ? e.message : String(e);
      this.ctx.notify('error', t(`share.openError.${code}`, { detail }));
      return false;
    }
    const previous = $state.snapshot(this.ctx.notebook.notebook) as Notebook;
    const title = shared.title.trim() || t('share.untitled');
    const undo =
      previous.cells.length > 0
        ? { label: t('share.undo'), run: () => void this.ctx.reopen(previous) }
        : undefined;
    this.ctx.notify('info', t('share.opened', { title }), undo);
    await this.ctx.open(shared);
    return true;
  }
}
