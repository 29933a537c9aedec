import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * DuckDB-WASM's worker fetches its `.wasm` and, to report download progress, hands
 * `WebAssembly.instantiateStreaming` a new `Response` built around the piped body. That
 * `Response` has no URL, and V8 keys its cache of compiled WebAssembly on the URL: every visit
 * compiled DuckDB from scratch and ran its first queries on baseline code.
 *
 * The rewrite hands V8 the fetched `Response` itself and reports progress from a clone of it,
 * read through the same progress stream. The rest of the worker is untouched.
 */
const WRAPPED_RESPONSE =
  /return new Response\(\((\w+)=(\w+)\.body\)==null\?void 0:\1\.pipeThrough\((\w+)\),\2\)/g;

/**
 * The worker's source with the fetched `Response` kept. Throws unless the wrapping occurs
 * exactly once, so that a DuckDB-WASM update that changes it fails the build instead of
 * quietly losing the cache.
 * @param {string} source
 * @param {string} name the file, for the error
 * @returns {string}
 */
export function keepWasmResponse(source, name) {
  const found = source.match(WRAPPED_RESPONSE) ?? [];
  if (found.length !== 1) {
    throw new Error(
      `${name}: expected DuckDB-WASM's progress-wrapped Response once, found it ${found.length} times; ` +
        'update scripts/vite-duckdb-code-cache.js for this DuckDB-WASM version',
    );
  }
  return source.replace(
    WRAPPED_RESPONSE,
    (_match, _body, response, progress) =>
      `return(${response}.clone().body?.pipeThrough(${progress}).pipeTo(new WritableStream()).catch(()=>{}),${response})`,
  );
}

/** The worker scripts `src/engine/bundles.ts` imports with `?url`. */
const WORKER_URL =
  /[\\/]@duckdb[\\/]duckdb-wasm[\\/]dist[\\/](duckdb-browser-(?:mvp|eh|coi)\.worker\.js)\?url$/;

/**
 * Production builds ship DuckDB-WASM's worker scripts rewritten by `keepWasmResponse`, under a
 * name hashed from the rewritten text. The dev server serves them as published.
 * @returns {import('vite').Plugin}
 */
export function duckdbCodeCache() {
  return {
    name: 'seglab-duckdb-code-cache',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      const match = WORKER_URL.exec(id);
      if (!match) return null;
      const file = id.slice(0, -'?url'.length);
      const name = /** @type {string} */ (match[1]);
      const source = keepWasmResponse(readFileSync(file, 'utf8'), path.basename(file));
      const ref = this.emitFile({ type: 'asset', name, originalFileName: file, source });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
  };
}
