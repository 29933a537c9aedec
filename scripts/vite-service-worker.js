import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the service worker precaches: the page (`./`) and every file of the build but DuckDB's
 * `.wasm` builds (fetched when used) and the worker itself.
 * @param {readonly string[]} files
 * @returns {string[]}
 */
export function precached(files) {
  return ['./', ...files.filter((f) => !/\.wasm$/.test(f) && f !== 'sw.js' && f !== 'index.html')];
}

/**
 * The text of `sw.js` for a build: the worker's code and the call with this build's files.
 * @param {readonly string[]} files
 * @param {string} hash
 * @returns {string}
 */
export function serviceWorkerSource(files, hash) {
  const code = readFileSync(fileURLToPath(new URL('service-worker.js', import.meta.url)), 'utf8');
  const cacheName = `seglab-${hash.slice(0, 16)}`;
  return `${code.replace(/^export function/m, 'function')}
startServiceWorker(self, ${JSON.stringify(cacheName)}, ${JSON.stringify(precached(files))});
`;
}

/**
 * @param {string} dir
 * @param {string} prefix
 * @returns {string[]}
 */
function listFiles(dir, prefix = '') {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) =>
    e.isDirectory()
      ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`)
      : [`${prefix}${e.name}`],
  );
}

/**
 * Emits `sw.js` next to `index.html` in production builds. Its cache is named after a hash of
 * every file of the build, so a new build never serves the files of an old one.
 * @returns {import('vite').Plugin}
 */
export function serviceWorker() {
  let publicDir = '';
  return {
    name: 'seglab-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const hash = createHash('sha256');
      const files = [];
      for (const [name, output] of Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b))) {
        files.push(name);
        hash.update(name);
        hash.update(output.type === 'chunk' ? output.code : output.source);
      }
      for (const name of listFiles(publicDir).sort()) {
        files.push(name);
        hash.update(name);
        hash.update(readFileSync(path.join(publicDir, name)));
      }
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: serviceWorkerSource(files, hash.digest('hex')),
      });
    },
  };
}
