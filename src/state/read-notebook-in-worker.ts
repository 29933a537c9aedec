import type { Notebook } from '../model/notebook';
import { NotebookFileError, parseNotebook } from '../io/notebook-file';
import { readShareFragment, ShareLinkError } from '../io/share-link';
import type { NotebookWorkerMessage, NotebookWorkerRequest } from './notebook.worker';

function inWorker(request: NotebookWorkerRequest): Promise<Notebook> {
  const worker = new Worker(new URL('./notebook.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Notebook>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<NotebookWorkerMessage>) => {
      const m = event.data;
      worker.terminate();
      if (m.type === 'notebook') return resolve(m.notebook);
      if (m.error === 'link') {
        return reject(new ShareLinkError(m.code as ShareLinkError['code'], m.message));
      }
      if (m.error === 'file') {
        return reject(new NotebookFileError(m.code as NotebookFileError['code'], m.message));
      }
      reject(new Error(m.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error(event.message || 'the notebook reader failed'));
    };
    worker.postMessage(request);
  });
}

/**
 * The notebook in a link's `#nb=...` fragment (see readShareFragment), read in a Web Worker so
 * a link of a few kilobytes that unpacks to megabytes never holds up the page; where there are
 * no workers (Node), in this thread. Throws ShareLinkError.
 */
export async function readShareInWorker(hash: string): Promise<Notebook> {
  if (typeof Worker === 'undefined') return readShareFragment(hash);
  return inWorker({ kind: 'link', hash });
}

/**
 * A notebook file (or its text) read and parsed (see parseNotebook) in a Web Worker, so a file
 * of megabytes is never decoded or parsed on the page. Throws NotebookFileError.
 */
export async function parseNotebookInWorker(file: string | Blob): Promise<Notebook> {
  if (typeof Worker === 'undefined') {
    return parseNotebook(typeof file === 'string' ? file : await file.text());
  }
  return inWorker({ kind: 'file', text: file });
}
