import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import app from '../vite.config';

/** The CLI's tests, apart from the app's: they need native DuckDB (cli/node_modules). */
export default defineConfig({
  ...app,
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    ...app.test,
    include: ['cli/tests/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
