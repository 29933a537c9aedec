import { mount } from 'svelte';
import App from './components/App.svelte';
import { BUNDLES } from './engine/bundles';
import { WasmEngine } from './engine/WasmEngine';
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

const workspace = new Workspace({
  startEngine: (onProgress, onQueryProgress) =>
    WasmEngine.start(BUNDLES, onProgress, onQueryProgress),
  storage: localStorageOrNull(),
  browserLangs: navigator.languages,
  fetchFile: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  },
});

mount(App, { target: document.getElementById('app')!, props: { workspace } });
void workspace.start();
