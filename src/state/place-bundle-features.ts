import type { Engine } from '../engine/types';
import { FEATURES_TABLE } from '../model/features-table';
import { dropTableSql } from '../sql/catalog';

/**
 * Puts a results-only bundle's features (Parquet) into DuckDB as the features table, decoded as
 * any Parquet file is: in a worker where there are workers, a batch at a time. Run inside
 * `exclusive`.
 */
export async function placeBundleFeatures(engine: Engine, parquet: Uint8Array): Promise<void> {
  await engine.exec(dropTableSql(FEATURES_TABLE));
  const batches =
    typeof Worker !== 'undefined'
      ? (await import('../ingest/parquet-in-worker')).parquetInWorker(parquet)
      : (await import('../ingest/parquet-to-arrow')).parquetToArrowBatches(parquet);
  let first = true;
  for await (const batch of batches) {
    await engine.insertArrowIPC(FEATURES_TABLE, batch.ipc, first);
    first = false;
  }
}
