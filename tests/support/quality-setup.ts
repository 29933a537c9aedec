import type { Engine } from '../../src/engine/types';
import { CatalogState } from '../../src/state/CatalogState.svelte';
import { CleaningState } from '../../src/state/CleaningState.svelte';
import { DataActions } from '../../src/state/DataActions.svelte';
import { NotebookRunner } from '../../src/state/NotebookRunner.svelte';
import { EngineState } from '../../src/state/EngineState.svelte';
import { FeaturesState } from '../../src/state/FeaturesState.svelte';
import { LangState } from '../../src/state/LangState.svelte';
import { NotebookState } from '../../src/state/NotebookState.svelte';
import { QualityState } from '../../src/state/QualityState.svelte';
import { NodeEngine } from './node-engine';

/**
 * Loading, the quality report and cleaning steps, wired as the Workspace wires them, on real
 * DuckDB-WASM: load a CSV, read its report, apply or confirm fixes.
 */
export function qualitySetup(lang: 'en' | 'zh-CN' = 'en') {
  const engines: NodeEngine[] = [];
  const engine = new EngineState(async () => {
    const e = await NodeEngine.start();
    engines.push(e);
    return Object.assign(e, { terminate: async () => e.close() });
  });
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: (engine: Engine) => Promise<T>): Promise<T> => {
    const run = queue.then(async () => work(await engine.get()));
    queue = run.catch(() => {});
    return run;
  };
  const langs = new LangState(null, [lang]);
  const notebook = new NotebookState(null);
  const features = new FeaturesState(notebook);
  const catalog = new CatalogState();
  const errors: string[] = [];
  const quality = new QualityState({
    notebook,
    features,
    catalog,
    lang: langs,
    background: exclusive,
    today: () => '2024-12-31',
  });
  const cleaning = new CleaningState({
    notebook,
    catalog,
    lang: langs,
    exclusive,
    notifyError: (text) => errors.push(text),
    changed: (table) => quality.check(table),
  });
  const data = new DataActions({
    notebook,
    features,
    catalog,
    lang: langs,
    engine,
    cleaning,
    quality,
    exclusive,
    notify: (kind, text) => {
      if (kind === 'error') errors.push(text);
    },
    fetchFile: async () => new Uint8Array(),
    runner: new NotebookRunner({ notebook, features, catalog, execute: async () => false }),
  });
  const load = (name: string, text: string) =>
    data.loadFiles([{ name, data: new TextEncoder().encode(text) }]);
  const query = async (sql: string) => (await exclusive((e) => e.query(sql))).rows;
  const close = () => engines.forEach((e) => e.close());
  const refresh = () => exclusive((e) => catalog.refresh(e));
  return {
    data,
    notebook,
    features,
    catalog,
    quality,
    cleaning,
    errors,
    load,
    query,
    refresh,
    close,
  };
}
