/// <reference lib="webworker" />
import type { Notebook } from '../model/notebook';
import { NotebookFileError, parseNotebook } from '../io/notebook-file';
import { readShareFragment, ShareLinkError } from '../io/share-link';

/** A link's `#nb=...` fragment, or a notebook file (or its text), to check and parse. */
export type NotebookWorkerRequest =
  { kind: 'link'; hash: string } | { kind: 'file'; text: string | Blob };

export type NotebookWorkerMessage =
  | { type: 'notebook'; notebook: Notebook }
  | { type: 'error'; error: 'link' | 'file' | 'other'; code: string; message: string };

// A link unpacks to up to 4 MB of JSON: inflating and parsing it hold up only this worker.
self.onmessage = async (event: MessageEvent<NotebookWorkerRequest>) => {
  const request = event.data;
  try {
    const text =
      request.kind === 'file' && typeof request.text !== 'string' ? await request.text.text() : '';
    const notebook =
      request.kind === 'link'
        ? readShareFragment(request.hash)
        : parseNotebook(typeof request.text === 'string' ? request.text : text);
    self.postMessage({ type: 'notebook', notebook } satisfies NotebookWorkerMessage);
  } catch (e) {
    const error =
      e instanceof ShareLinkError ? 'link' : e instanceof NotebookFileError ? 'file' : 'other';
    const code = e instanceof ShareLinkError || e instanceof NotebookFileError ? e.code : '';
    const message = e instanceof Error ? e.message : String(e);
    self.postMessage({ type: 'error', error, code, message } satisfies NotebookWorkerMessage);
  }
};
