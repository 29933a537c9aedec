import type { MarkdownWorkerMessage, MarkdownWorkerRequest } from './markdown.worker';

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve: (html: string) => void; reject: (e: Error) => void }>();

function markdownWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./markdown.worker.ts', import.meta.url), { type: 'module' });
  created.onmessage = (event: MessageEvent<MarkdownWorkerMessage>) => {
    const { id, html } = event.data;
    waiting.get(id)?.resolve(html);
    waiting.delete(id);
  };
  created.onerror = (event) => {
    event.preventDefault();
    for (const { reject } of waiting.values()) reject(new Error('the markdown renderer failed'));
    waiting.clear();
    created.terminate();
    worker = null;
  };
  worker = created;
  return created;
}

/**
 * Markdown text as safe HTML (see renderMarkdown), rendered in a Web Worker shared by every
 * markdown cell, so a long text never holds up the page; where there are no workers (Node), in
 * this thread.
 */
export async function renderMarkdownInWorker(source: string): Promise<string> {
  if (typeof Worker === 'undefined') {
    const { renderMarkdown } = await import('../model/render-markdown');
    return renderMarkdown(source);
  }
  const id = ++nextId;
  return new Promise<string>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    markdownWorker().postMessage({ id, source } satisfies MarkdownWorkerRequest);
  });
}
