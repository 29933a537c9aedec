import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import app from '../vite.config';

/** A bundle `seglab run` wrote, opened in the production build in Chromium (needs `dist/`). */
export default defineConfig({
  ...app,
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    ...app.test,
    include: ['cli/tests/**/*.e2e.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
