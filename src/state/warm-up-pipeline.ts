import type { Engine } from '../engine/types';
import { warmUpCsv } from '../engine/warm-up';
import { prepareFile } from '../ingest/prepare-file';
import { CSV_REJECTS_TABLE, CSV_SCANS_TABLE } from '../sql/read-csv';
import { guessRoles } from '../model/guess-roles';
import type { PresetCell } from '../model/notebook';
import type { TableMapping } from '../domain/roles';
import { defaultAsOfSql } from '../sql/analysis-date';
import {
  dropTableSql,
  dropViewSql,
  listColumnsSql,
  memoryUsageSql,
  relationExistsSql,
  rowCountsSql,
} from '../sql/catalog';
import { dropResultSql } from '../sql/cell-result';
import { featuresSql } from '../sql/features';
import { quadrant } from './evaluate';
import { placeTable } from './place-table';
import { FEATURES_TABLE } from '../model/features-table';
import { runPresetCell } from './run-preset-cell';
import { FALLBACK_CHURN_DAYS } from '../sql/churn-days';

/** The warm-up's orders table; the features table is the app's own, made and dropped again. */
export const WARM_UP_ORDERS = '__seglab_warmup_orders';
const CELLS: readonly Pick<PresetCell, 'id' | 'presetId' | 'name'>[] = [
  { id: 'warmup_rfm', presetId: 'rfm', name: '__seglab_warmup_rfm' },
  { id: 'warmup_value_loyalty', presetId: 'value-loyalty', name: '__seglab_warmup_vl' },
];

/**
 * Runs the analyst's first path once, over the synthetic 100k-order CSV of engine/warm-up.ts,
 * through the app's own code: the CSV load with its checks and catalog reads, the column types,
 * the analysis date, the features table, the RFM and value × loyalty presets with their
 * summaries, and the quadrant's queries. Run by the engine before it reports ready, while the
 * user is still choosing a file, on a fresh database (it does nothing where a features table
 * already exists).
 *
 * Why: V8 compiles DuckDB's WebAssembly a function at a time when it is first called, as quick
 * baseline code, and optimises it only once it has been busy, so the user's first load and
 * features table would otherwise run on the slow code (up to twice as long; `npm run bench`,
 * docs/performance.md). Everything it makes is dropped again.
 *
 * `stop` is asked between steps: once it says true (work is waiting for the engine, e.g. the
 * sample data or a kept notebook loading on start), the warm-up drops what it made and ends, as
 * that work warms the same paths and should not wait for it. Its first statement
 * always runs: with threads, DuckDB must have run a query before its threads are changed (a
 * `SET threads` sent before any query hung the worker).
 */
export async function warmUpPipeline(
  engine: Engine,
  stop: () => boolean = () => false,
): Promise<void> {
  // It makes and drops the app's features table: never on a database that has one.
  const exists = await engine.query(relationExistsSql(FEATURES_TABLE));
  if (Number(exists.rows[0]?.n ?? 0) > 0 || stop()) return;
  try {
    await engine.query(memoryUsageSql());
    // A File, as a dropped file is: the engine reads it the way it reads the user's.
    const file = new File([warmUpCsv()], 'warm-up.csv', { type: 'text/csv' });
    const prepared = await prepareFile({ name: file.name, data: file });
    if (!prepared || stop()) return;
    const placed = await placeTable(engine, prepared, WARM_UP_ORDERS, [], async () => {});
    if (stop()) return;
    await engine.query(listColumnsSql());
    await engine.query(rowCountsSql([WARM_UP_ORDERS]));
    const columns = placed.loaded.columns.map((c) => c.name);
    const orders: TableMapping = {
      table: WARM_UP_ORDERS,
      kind: 'orders',
      columns: guessRoles('orders', columns),
    };
    // The load already described the table (the same statement the features step runs).
    const types = Object.fromEntries(placed.loaded.columns.map((c) => [c.name, c.type]));
    const asOf = String((await engine.query(defaultAsOfSql(orders))).rows[0]?.as_of);
    if (stop()) return;
    await engine.exec(
      featuresSql({ name: FEATURES_TABLE, asOf, orders, types: { [WARM_UP_ORDERS]: types } }),
    );
    for (const cell of CELLS) {
      if (stop()) return;
      await runPresetCell(
        engine,
        { ...cell, kind: 'preset', params: {}, strategies: {} },
        asOf,
        'en',
        FALLBACK_CHURN_DAYS,
      );
    }
    // Its 4,999 customers are drawn as points; past QUADRANT_POINTS the quadrant draws bins,
    // from the cells it reads either way.
    if (stop()) return;
    await quadrant(engine, CELLS[1]!.name);
  } finally {
    for (const cell of CELLS) {
      await engine.exec(dropViewSql(cell.name)).catch(() => {});
      await engine.exec(dropResultSql(cell.id)).catch(() => {});
    }
    for (const table of [FEATURES_TABLE, WARM_UP_ORDERS, CSV_REJECTS_TABLE, CSV_SCANS_TABLE]) {
      await engine.exec(dropTableSql(table)).catch(() => {});
    }
  }
}
