import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * Builds `seglab run` for Node: the app's TypeScript (sql/, model/, state/, ...) bundled with the
 * CLI, `.svelte.ts` state compiled by Svelte as for the browser (runes work in Node), native
 * DuckDB and Node's own modules left as imports.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [svelte({ configFile: false })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    lib: {
      entry: fileURLToPath(new URL('src/main.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'seglab.mjs',
    },
    rollupOptions: { external: [/^node:/, '@duckdb/node-api'] },
  },
});
