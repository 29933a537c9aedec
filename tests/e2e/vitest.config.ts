import { defineConfig } from 'vitest/config';

process.env.TZ = 'UTC';

/** Files that time the page's main thread: they run alone, after the others. */
const ALONE = ['tests/e2e/hostile.e2e.ts'];

// End-to-end: the production build in real headless Chromium. Two files at a time (a file
// spends much of its time waiting on DuckDB's worker and the page), except those that time
// the page's tasks, which run alone once the rest are done.
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A poll waits for the page to catch up; 1 s (the default) was too short on a slow 2-core VM
    // for a re-check after an undo (1.7 s there). Passing polls end as soon as they pass.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.ts'],
          exclude: ALONE,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e-alone',
          include: ALONE,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
