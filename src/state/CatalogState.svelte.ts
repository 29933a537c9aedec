import type { Engine } from '../engine/types';
import { listColumnsSql, rowCountsSql } from '../sql/catalog';
import { describeTableSql } from '../sql/read-file-sql';

export interface TableInfo {
  name: string;
  kind: 'table' | 'view';
  rowCount: number | null;
  columns: { name: string; type: string }[];
}

/** What DuckDB holds: the user's tables and named results, for the side panel and completion. */
export class CatalogState {
  tables = $state.raw<TableInfo[]>([]);

  async refresh(engine: Engine): Promise<void> {
    const { rows } = await engine.query(listColumnsSql());
    const byName = new Map<string, TableInfo>();
    for (const r of rows) {
      const name = String(r.table_name);
      let info = byName.get(name);
      if (!info) {
        info = {
          name,
          kind: r.table_type === 'VIEW' ? 'view' : 'table',
          rowCount: null,
          columns: [],
        };
        byName.set(name, info);
      }
      info.columns.push({ name: String(r.column_name), type: String(r.data_type) });
    }
    const names = [...byName.keys()];
    if (names.length > 0) {
      const counts = await engine.query(rowCountsSql(names));
      for (const c of counts.rows) {
        const info = byName.get(String(c.table_name));
        if (info) info.rowCount = Number(c.row_count);
      }
    }
    this.tables = [...byName.values()].sort(
      (a, b) =>
        Number(a.kind === 'view') - Number(b.kind === 'view') || a.name.localeCompare(b.name),
    );
  }

  /**
   * After a statement that replaced only the named view (a preset's re-run): that view's columns
   * and row count, without listing and counting every table again, a tenth of a threshold change
   * at 100k customers. False, changing nothing, when the view was not listed.
   */
  async refreshView(engine: Engine, name: string, rowCount: number): Promise<boolean> {
    const at = this.tables.findIndex((t) => t.name === name && t.kind === 'view');
    if (at < 0) return false;
    const { rows } = await engine.query(describeTableSql(name));
    const columns = rows.map((r) => ({ name: String(r.column_name), type: String(r.data_type) }));
    this.tables = this.tables.map((t, i) => (i === at ? { ...t, rowCount, columns } : t));
    return true;
  }

  has(name: string): boolean {
    return this.tables.some((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  /** Table -> column names, for SQL completion. */
  schema(): Record<string, string[]> {
    return Object.fromEntries(this.tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
  }
}
