import { mount } from 'svelte';
import App from './components/App.svelte';
import { prefetchChartLibraries } from './components/chart-libraries';
import { warmUpCharts } from './components/chart-warm-up';
import { BUNDLES } from './engine/bundles';
import { bundlesFor, engineChoiceOf } from './engine/engine-choice';
import { WasmEngine } from './engine/WasmEngine';
import { isShareFragment } from './io/share-fragment';
import { registerServiceWorker } from './register-service-worker';
import { openIdbBackend } from './state/persist/idb-backend';
import { openOutputsBackend } from './state/persist/outputs-backend';
import { warmUpPipeline } from './state/warm-up-pipeline';
import type { ShippedOutputs } from './state/LastRunOutputs.svelte';
import { Workspace } from './state/Workspace.svelte';
import './app.css';

function localStorageOrNull(): Storage | null {
  try {
    const s = window.localStorage;
    s.getItem('seglab.probe');
    return s;
  } catch {
    return null;
  }
}

// The threaded build only where it pays (engine/engine-choice.ts); `?engine=` overrides.
const bundles = bundlesFor(BUNDLES, engineChoiceOf(location.search), navigator.hardwareConcurrency);

const workspace = new Workspace({
  startEngine: (onProgress, onQueryProgress, wanted) =>
    WasmEngine.start(bundles, onProgress, onQueryProgress, (engine) =>
      warmUpPipeline(engine, wanted),
    ),
  storage: localStorageOrNull(),
  browserLangs: navigator.languages,
  fetchFile: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  },
  openStore: () => openIdbBackend(globalThis.indexedDB),
  openOutputs: () => openOutputsBackend(globalThis.indexedDB),
  exampleOutputs: async (lang) =>
    (await import(`./model/example-outputs/${lang}.json`)).default as ShippedOutputs,
  storageEstimate: async () => (await navigator.storage?.estimate?.()) ?? {},
  ...(navigator.locks ? { locks: navigator.locks } : {}),
});

mount(App, { target: document.getElementById('app')!, props: { workspace } });

// The autosave waits for a pause in edits; a page being left or hidden writes it now, so the
// last edits (or a file just dropped) are not lost to a reload.
addEventListener('pagehide', () => workspace.notebook.saveNow(true));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') workspace.notebook.saveNow(true);
});
// A shared link (#nb=...) is opened once; the fragment goes, so a reload keeps later edits.
const hash = location.hash;
if (isShareFragment(hash)) history.replaceState(null, '', location.pathname + location.search);
void workspace.start(hash);
// The first chart comes seconds after the first file: load the chart libraries and draw one
// off screen while DuckDB starts and the page is idle, not when the chart is opened.
prefetchChartLibraries(warmUpCharts);

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void registerServiceWorker(navigator.serviceWorker, async () => {
    await workspace.engine.started();
    const bundle = BUNDLES[workspace.engine.progress.bundle as keyof typeof BUNDLES];
    return Object.values(bundle ?? {}).filter((url): url is string => typeof url === 'string');
  });
}
