import type { SheetInfo } from '../ingest/read-excel';

export interface SheetRequest {
  fileName: string;
  sheets: SheetInfo[];
  suggested: string;
}

/**
 * The sheet picker's question: a load waits on `ask` while the picker shows `request`, until
 * the user answers with a sheet or null (cancel). A new question cancels an unanswered one.
 */
export class SheetQuestion {
  request = $state.raw<SheetRequest | null>(null);
  #answer: ((sheet: string | null) => void) | null = null;

  ask(fileName: string, sheets: SheetInfo[], suggested: string): Promise<string | null> {
    this.#answer?.(null);
    return new Promise((resolve) => {
      this.#answer = resolve;
      this.request = { fileName, sheets, suggested };
    });
  }

  answer(sheet: string | null): void {
    const answer = this.#answer;
    this.#answer = null;
    this.request = null;
    answer?.(sheet);
  }
}
