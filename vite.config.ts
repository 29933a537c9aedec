import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { duckdbCodeCache } from './scripts/vite-duckdb-code-cache.js';
import { serviceWorker } from './scripts/vite-service-worker.js';
import { securityHeadersPlugin } from './scripts/vite-security-headers.js';

// Tests and the dev server run in one fixed time zone so that dates never shift.
process.env.TZ = 'UTC';

export default defineConfig({
  // Relative asset URLs: the build works from any sub-path of a static host.
  base: './',
  // The servers send the headers docs/hosting.md asks of a host (isolation for threaded DuckDB,
  // the Content-Security-Policy that reaches the workers).
  plugins: [svelte(), duckdbCodeCache(), serviceWorker(), securityHeadersPlugin()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A poll waits for background work (reading a workbook, a quality check) to catch up; the
    // default 1 s is too short when test files share 2 cores. Passing polls end at once.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // Test files share their worker's process: starting a process, importing the modules and
    // compiling DuckDB's WebAssembly once per file doubled the run (366 s against 179 s).
    isolate: false,
    // Vitest's default leaves a core free, which on 2 cores runs one file at a time; a file
    // spends much of its time waiting for DuckDB-WASM to start, so two at once finish sooner.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
