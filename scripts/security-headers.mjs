/**
 * The HTTP headers every server of the app sends (the dev and preview servers, scripts/
 * serve-dist.mjs) and docs/hosting.md asks hosts to send. Sent as a header, the
 * Content-Security-Policy reaches Web Workers too: a worker takes its policy from the response
 * that served its script, never from the page's `<meta>` tag.
 */
const common = [
  "default-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
];

/** The policy of `index.html`'s `<meta>` tag (a `<meta>` tag cannot set `frame-ancestors`). */
export const META_CSP = [
  common[0],
  "script-src 'self' 'wasm-unsafe-eval'",
  ...common.slice(1),
].join('; ');

/** The policy of the page and of every file but DuckDB's workers. */
export const CSP = `${META_CSP}; frame-ancestors 'self'`;

/**
 * The policy of DuckDB's worker scripts: the same, plus `'unsafe-eval'`, because Emscripten's
 * embind in DuckDB-WASM builds functions from text (`newFunc(Function, …)`) when JavaScript
 * calls into the engine; without it every query fails with an EvalError. `connect-src 'self'`
 * holds there as everywhere, so the worker still cannot reach another origin.
 */
export const DUCKDB_WORKER_CSP = CSP.replace(
  "script-src 'self' 'wasm-unsafe-eval'",
  "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'",
);

/** DuckDB's worker scripts, as Vite names them in `assets/` (and in node_modules in dev). */
export const DUCKDB_WORKER_FILE = /duckdb-browser-[a-z]+(\.pthread)?\.worker[^/]*\.js$/;

/**
 * The security headers for a path.
 *
 * @param {string} pathname
 * @returns {Record<string, string>}
 */
export function securityHeaders(pathname) {
  return {
    'Content-Security-Policy': DUCKDB_WORKER_FILE.test(pathname) ? DUCKDB_WORKER_CSP : CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
