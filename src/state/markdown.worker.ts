/// <reference lib="webworker" />
import { renderMarkdown } from '../model/render-markdown';

export interface MarkdownWorkerRequest {
  id: number;
  source: string;
}

export interface MarkdownWorkerMessage {
  id: number;
  html: string;
}

// markdown-it runs here; the page only inserts the (already sanitised) HTML.
self.onmessage = (event: MessageEvent<MarkdownWorkerRequest>) => {
  const { id, source } = event.data;
  self.postMessage({ id, html: renderMarkdown(source) } satisfies MarkdownWorkerMessage);
};
