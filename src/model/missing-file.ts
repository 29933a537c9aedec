import type { Labels } from '../domain/labels';
import { LocalizedError } from '../domain/localized-error';
import { messageOf } from './error-text';
import type { TableSource } from './notebook';

/** What reading a table whose file is not loaded says: which file, and where to add it. */
export function missingFileMessage(source: TableSource): Labels {
  const { table, fileName } = source;
  return {
    en: `This reads table “${table}”, whose file ${fileName} is not loaded. Add it under “This notebook needs…” above, and it runs.`,
    zh: `此处读取表“${table}”，但其文件 ${fileName} 尚未加载。请在上方“此笔记本需要…”中添加该文件，即会运行。`,
  };
}

/**
 * DuckDB's "Table with name … does not exist" for a table of the notebook whose file is not
 * loaded (`missing`), as the message naming the file; null for any other error.
 */
export function missingFileError(
  error: unknown,
  missing: readonly TableSource[],
): LocalizedError | null {
  const name = /Table with name "?([^"\s]+?)"? does not exist/i.exec(messageOf(error))?.[1];
  const source = name && missing.find((t) => t.table.toLowerCase() === name.toLowerCase());
  return source ? new LocalizedError(missingFileMessage(source)) : null;
}
