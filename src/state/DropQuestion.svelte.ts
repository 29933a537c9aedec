/** What to do with files dropped into the example notebook. */
export type DropAnswer = 'new' | 'add';

/**
 * The question asked when files are dropped into the example notebook: start a new notebook with
 * them (the default) or add them beside the sample. A load waits on `ask` while the dialog shows
 * the file names, until the user answers (null: cancel). A new question cancels an unanswered one.
 */
export class DropQuestion {
  files = $state.raw<string[] | null>(null);
  #answer: ((answer: DropAnswer | null) => void) | null = null;

  ask(files: string[]): Promise<DropAnswer | null> {
    this.#answer?.(null);
    return new Promise((resolve) => {
      this.#answer = resolve;
      this.files = files;
    });
  }

  answer(answer: DropAnswer | null): void {
    const resolve = this.#answer;
    this.#answer = null;
    this.files = null;
    resolve?.(answer);
  }
}
