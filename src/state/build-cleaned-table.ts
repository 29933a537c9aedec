import type { CleaningStep } from '../domain/cleaning-step';
import type { Engine } from '../engine/types';
import { dropTableSql, relationExistsSql, renameTableSql } from '../sql/catalog';
import { cleaningSql, rawTableName } from '../sql/cleaning';
import { describeTableSql } from '../sql/read-file-sql';

export async function exists(engine: Engine, name: string): Promise<boolean> {
  const { rows } = await engine.query(relationExistsSql(name));
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * Makes `table` the result of `steps` over its original, kept as `<table>__raw`. Called after a
 * load too: then `table` holds the file as loaded and no `__raw` exists yet. On failure the
 * table is as before. The app (CleaningState) and `seglab run` both clean through it.
 */
export async function buildCleanedTable(
  engine: Engine,
  table: string,
  steps: readonly CleaningStep[],
): Promise<void> {
  const raw = rawTableName(table);
  const hasRaw = await exists(engine, raw);
  if (steps.length === 0) {
    if (hasRaw) {
      await engine.exec(dropTableSql(table));
      await engine.exec(renameTableSql(raw, table));
    }
    return;
  }
  if (!hasRaw) await engine.exec(renameTableSql(table, raw));
  try {
    const described = await engine.query(describeTableSql(raw));
    const columns = described.rows.map((r) => String(r.column_name));
    const sql = cleaningSql({ raw, target: table, columns, steps });
    await engine.exec(sql);
  } catch (e) {
    if (!hasRaw) await engine.exec(renameTableSql(raw, table)).catch(() => {});
    throw e;
  }
}
