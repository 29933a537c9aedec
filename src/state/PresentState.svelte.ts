import { checkLogo } from '../model/presentation';
import type { NotebookState } from './NotebookState.svelte';

/**
 * Present mode: the notebook's text, charts and results without editors, as full-width
 * sections or as slides, under the client's logo and the notebook's title.
 */
export class PresentState {
  on = $state(false);
  mode = $state<'sections' | 'slides'>('sections');
  slide = $state(0);

  constructor(private readonly notebook: NotebookState) {}

  enter(): void {
    this.on = true;
    this.slide = 0;
  }

  exit(): void {
    this.on = false;
  }

  /** Moves `delta` slides, staying within the `count` slides there are. */
  move(delta: number, count: number): void {
    this.slide = Math.max(0, Math.min(count - 1, this.slide + delta));
  }

  go(index: number, count: number): void {
    this.slide = Math.max(0, Math.min(count - 1, index));
  }

  setTitle(title: string): void {
    this.notebook.notebook.title = title;
    this.notebook.save();
  }

  setSubtitle(subtitle: string): void {
    const present = { ...this.notebook.notebook.present };
    if (subtitle.trim() === '') delete present.subtitle;
    else present.subtitle = subtitle;
    this.notebook.notebook.present = present;
    this.notebook.save();
  }

  /** Sets the logo from a picked image (as a data URL); throws a readable error if it is not one. */
  setLogo(dataUrl: string, fileName: string): void {
    const logo = checkLogo(dataUrl, fileName);
    this.notebook.notebook.present = { ...this.notebook.notebook.present, logo };
    this.notebook.save();
  }

  removeLogo(): void {
    const present = { ...this.notebook.notebook.present };
    delete present.logo;
    this.notebook.notebook.present = present;
    this.notebook.save();
  }
}
