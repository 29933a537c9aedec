import { securityHeaders } from './security-headers.mjs';

/** Cross-origin isolation lets DuckDB use its threaded (COI) bundle. */
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The dev and preview servers send what docs/hosting.md asks of a host: cross-origin isolation
 * and the security headers, DuckDB's worker scripts with their own policy
 * (scripts/security-headers.mjs).
 * @returns {import('vite').Plugin}
 */
export function securityHeadersPlugin() {
  /** @param {import('vite').Connect.Server} middlewares */
  const install = (middlewares) => {
    middlewares.use((req, res, next) => {
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      for (const [name, value] of Object.entries({ ...ISOLATION, ...securityHeaders(pathname) })) {
        res.setHeader(name, value);
      }
      next();
    });
  };
  return {
    name: 'seglab-security-headers',
    configureServer(server) {
      install(server.middlewares);
    },
    configurePreviewServer(server) {
      install(server.middlewares);
    },
  };
}
