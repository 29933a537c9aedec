#!/usr/bin/env node
// The built CLI (cli/dist, made by `npm run build` in cli/) runs the app's own TypeScript.
import { existsSync } from 'node:fs';

const built = new URL('../dist/seglab.mjs', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('seglab: not built yet. Run `npm ci && npm run build` in cli/ first.\n');
  process.exit(2);
}
const { main } = await import(built.href);
process.exitCode = await main(process.argv.slice(2));
