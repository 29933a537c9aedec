/** What to do with a dropped file whose name is already loaded as a table. */
export type ReplaceAnswer = 'replace' | 'both';

export interface ReplaceRequest {
  fileName: string;
  table: string;
  /** Whether the dropped file has the same bytes as the one the table was loaded from. */
  same: boolean;
}

/**
 * The question asked when a dropped file has the name of a file already loaded: read it into
 * that table (Replace, the default), load it as another table (Keep both), or cancel (null).
 * A load waits on `ask` until the user answers; a new question cancels an unanswered one.
 */
export class ReplaceQuestion {
  request = $state.raw<ReplaceRequest | null>(null);
  #answer: ((answer: ReplaceAnswer | null) => void) | null = null;

  ask(request: ReplaceRequest): Promise<ReplaceAnswer | null> {
    this.#answer?.(null);
    return new Promise((resolve) => {
      this.#answer = resolve;
      this.request = request;
    });
  }

  answer(answer: ReplaceAnswer | null): void {
    const resolve = this.#answer;
    this.#answer = null;
    this.request = null;
    resolve?.(answer);
  }
}
