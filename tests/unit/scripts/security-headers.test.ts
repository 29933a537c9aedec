import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CSP,
  DUCKDB_WORKER_CSP,
  DUCKDB_WORKER_FILE,
  META_CSP,
  securityHeaders,
} from '../../../scripts/security-headers.mjs';

describe('security headers', () => {
  it("carry index.html's <meta> policy, plus frame-ancestors", () => {
    const html = readFileSync('index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(META_CSP);
    expect(CSP).toBe(`${META_CSP}; frame-ancestors 'self'`);
    expect(CSP).toContain("connect-src 'self'");
    expect(CSP).not.toContain("'unsafe-eval'");
  });

  it("give only DuckDB's worker scripts 'unsafe-eval', never another connect-src", () => {
    for (const f of [
      '/apps/seglab/assets/duckdb-browser-coi.worker-D_Eadir2.js',
      '/apps/seglab/assets/duckdb-browser-coi.pthread.worker-BSvKBYxk.js',
      '/assets/duckdb-browser-eh.worker-CvtmgSfv.js',
      '/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js',
    ]) {
      expect(securityHeaders(f)['Content-Security-Policy'], f).toBe(DUCKDB_WORKER_CSP);
    }
    for (const f of [
      '/apps/seglab/',
      '/apps/seglab/index.html',
      '/apps/seglab/sw.js',
      '/apps/seglab/assets/clv.worker-CMXFchfG.js',
      '/apps/seglab/assets/excel.worker-71OaDViH.js',
      '/apps/seglab/assets/index-XBEepkdx.js',
    ]) {
      expect(DUCKDB_WORKER_FILE.test(f), f).toBe(false);
      expect(securityHeaders(f)['Content-Security-Policy'], f).toBe(CSP);
    }
    expect(DUCKDB_WORKER_CSP.replace(" 'unsafe-eval'", '')).toBe(CSP);
  });

  it('are the ones docs/hosting.md gives for every host', () => {
    const doc = readFileSync('docs/hosting.md', 'utf8');
    const sections = doc.split(/\n\*\*(?=nginx|Apache|Netlify|Vercel)/).slice(1);
    expect(sections).toHaveLength(4);
    for (const section of sections) {
      expect(section, section.slice(0, 20)).toContain(CSP);
      expect(section, section.slice(0, 20)).toContain(DUCKDB_WORKER_CSP);
    }
  });
});
