import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { keepWasmResponse } from '../../../scripts/vite-duckdb-code-cache.js';

const require = createRequire(import.meta.url);
const worker = (name: string) =>
  readFileSync(
    require.resolve(`@duckdb/duckdb-wasm/dist/duckdb-browser-${name}.worker.js`),
    'utf8',
  );

/**
 * Runs a rewritten `return …` the way the worker's instantiate step does: the fetched response
 * in `l`, the progress stream in `m`.
 */
function runRewritten(statement: string, response: Response, progress: TransformStream) {
  const run = new Function('l', 'm', statement) as (r: Response, t: TransformStream) => Response;
  return run(response, progress);
}

describe("DuckDB-WASM's worker, rewritten for V8's code cache", () => {
  it.each(['mvp', 'eh', 'coi'])(
    'the %s worker hands WebAssembly the fetched Response, not a URL-less copy',
    (name) => {
      const source = worker(name);
      expect(source).toMatch(/return new Response\(\(\w+=\w+\.body\)==null/);
      const rewritten = keepWasmResponse(source, name);
      expect(rewritten).not.toMatch(/return new Response\(\(\w+=\w+\.body\)==null/);
      expect(rewritten).toMatch(
        /\.clone\(\)\.body\?\.pipeThrough\(\w+\)\.pipeTo\(new WritableStream\(\)\)/,
      );
      expect(rewritten.length - source.length).toBeLessThan(100);
    },
  );

  it('returns the same Response, and its clone still goes through the progress stream', async () => {
    const statement = keepWasmResponse(
      'return new Response((h=l.body)==null?void 0:h.pipeThrough(m),l)',
      'sample',
    );
    const response = new Response(new Uint8Array([1, 2, 3, 4, 5]));
    let seen = 0;
    const progress = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const handed = runRewritten(statement, response, progress);
    expect(handed).toBe(response);
    expect(new Uint8Array(await handed.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4, 5]));
    await expect.poll(() => seen).toBe(5);
  });

  it('fails the build when a DuckDB-WASM update changes the code it rewrites', () => {
    expect(() => keepWasmResponse('return fetch(u)', 'duckdb-browser-eh.worker.js')).toThrow(
      /duckdb-browser-eh\.worker\.js: expected .* once, found it 0 times/,
    );
    const twice = 'return new Response((h=l.body)==null?void 0:h.pipeThrough(m),l)'.repeat(2);
    expect(() => keepWasmResponse(twice, 'x.js')).toThrow(/found it 2 times/);
  });
});
