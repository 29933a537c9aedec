import type { DuckDBBundles } from '@duckdb/duckdb-wasm';

/** Which DuckDB build to start: what the page asks for (`?engine=`), else chosen by the machine. */
export type EngineChoice = 'auto' | 'threads' | 'single';

/**
 * Cores from which the threaded build pays. On 2 cores (`npm run bench`, docs/performance.md) it
 * started 1.6–2.4× slower than the single-threaded build, lost every step of a loaded run and won
 * only a quiet run's 1M-order ingest (by 0.5 s, less than its slower start): its thread workers
 * contend with the page and DuckDB's own worker for the same two cores.
 */
export const THREADS_FROM_CORES = 4;

/** `?engine=threads` or `?engine=single` in the page's address; anything else is 'auto'. */
export function engineChoiceOf(search: string): EngineChoice {
  const asked = new URLSearchParams(search).get('engine');
  return asked === 'threads' || asked === 'single' ? asked : 'auto';
}

/**
 * The bundles DuckDB-WASM may choose from (`selectBundle` takes the threaded one whenever the page
 * is cross-origin isolated and it is offered): without it unless threads were asked for, or the
 * choice is automatic and the machine has THREADS_FROM_CORES cores or more.
 */
export function bundlesFor(
  bundles: DuckDBBundles,
  choice: EngineChoice,
  cores: number | undefined,
): DuckDBBundles {
  const threads =
    choice === 'threads' || (choice === 'auto' && (Number(cores) || 1) >= THREADS_FROM_CORES);
  if (threads) return bundles;
  const { coi: _threaded, ...single } = bundles;
  return single;
}
