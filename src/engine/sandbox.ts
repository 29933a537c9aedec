/**
 * Where the engine registers files (dropped CSVs); with the sandbox on, the only place SQL can
 * read from. Everything else (URLs, paths, `ATTACH`, `COPY ... TO` elsewhere) is refused.
 */
export const FILES_DIR = '/seglab/';

/**
 * Run once, right after connecting, before any user SQL. A cell (perhaps from a shared link) can
 * then reach nothing outside the tab: DuckDB refuses every file and URL outside FILES_DIR, never
 * loads extensions (DuckDB-WASM 1.32 would fetch parquet/json/icu from the internet). A cell
 * cannot `SET` this back: DuckDB refuses to turn external access on again, or to change
 * `allowed_directories`, while it runs with external access off, and loading an extension
 * needs external access. `lock_configuration` is not needed for this, and would stop the app and
 * tests from tuning `memory_limit`.
 */
export const SANDBOX_SQL: readonly string[] = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET allow_community_extensions = false',
  `SET allowed_directories = ['${FILES_DIR}']`,
  'SET enable_external_access = false',
];
