import { defineConfig } from 'vitest/config';

process.env.TZ = 'UTC';

// End-to-end: the production build in real headless Chromium, one file at a time.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // A poll waits for the page to catch up; 1 s (the default) was too short on a slow 2-core VM
    // for a re-check after an undo (1.7 s there). Passing polls end as soon as they pass.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
  },
});
