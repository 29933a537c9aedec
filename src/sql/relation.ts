import { LocalizedError } from '../domain/localized-error';
import { ident } from './quote';

/** A relation to read from: a table or view by name, or a SELECT statement (e.g. a preset's SQL). */
export type Relation = { table: string } | { sql: string };

/** The relation as a SELECT statement that can sit inside `name AS (...)`. */
export function relationSql(relation: Relation): string {
  if ('table' in relation) {
    if (typeof relation.table !== 'string' || relation.table.trim() === '') {
      throw new LocalizedError({ en: 'The table name is empty.', zh: '表名为空。' });
    }
    return `SELECT * FROM ${ident(relation.table)}`;
  }
  const text = typeof relation.sql === 'string' ? relation.sql.trim().replace(/;+\s*$/, '') : '';
  if (text === '')
    throw new LocalizedError({ en: 'The segmentation SQL is empty.', zh: '分群SQL为空。' });
  return text;
}

/** `name AS (<relation>)`. Not re-indented: that would change multi-line string literals. */
export function relationCte(name: string, relation: Relation): string {
  return `${ident(name)} AS (\n${relationSql(relation)}\n)`;
}
