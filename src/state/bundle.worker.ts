/// <reference lib="webworker" />
import { BundleError, readBundle, type Bundle } from '../io/bundle-file';

/** The bundle's bytes and how many uncompressed bytes of it may be inflated. */
export interface BundleWorkerRequest {
  bytes: Uint8Array;
  maxBytes: number;
}

export type BundleWorkerMessage =
  | { type: 'bundle'; bundle: Bundle }
  | { type: 'error'; code: BundleError['code']; message: string };

// Inflating and parsing hold up only this worker, never the page.
self.onmessage = (event: MessageEvent<BundleWorkerRequest>) => {
  try {
    const bundle = readBundle(event.data.bytes, event.data.maxBytes);
    const parquets = [...bundle.tables, ...(bundle.features ? [bundle.features] : [])];
    const buffers = parquets.map((t) => t.parquet.buffer as ArrayBuffer);
    const message: BundleWorkerMessage = { type: 'bundle', bundle };
    self.postMessage(message, [...new Set(buffers)]);
  } catch (e) {
    const code = e instanceof BundleError ? e.code : 'damaged';
    self.postMessage({ type: 'error', code, message: (e as Error).message });
  }
};
