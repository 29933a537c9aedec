import { LocalizedError } from '../domain/localized-error';
import type { Labels } from '../domain/labels';

/**
 * DuckDB's errors, made readable for the SQL a user typed in a cell. DuckDB-WASM hands back a
 * parse error as JSON (`{"exception_type":"Parser","exception_message":...,"position":"77"}`)
 * and other errors as text with a `LINE n:` excerpt and a caret; both point into the SQL that
 * was sent, which for a cell's final query is wrapped in `CREATE OR REPLACE TABLE
 * "__seglab_cell_<id>" AS ...`. Here the message is freed of JSON and internal names, and the
 * position is mapped back to a line and column of the cell.
 */

/** An error as DuckDB reported it: its message, and where in the SQL sent, if it says. */
export interface DuckDbError {
  /** "Parser Error: syntax error at or near "SELEC"", without the LINE excerpt. */
  message: string;
  /** Index (UTF-16, as JS counts) into the SQL sent. */
  position?: number;
}

/** Where the statement that failed sits: in what was sent, and in the cell's own SQL. */
export interface SentStatement {
  /** The SQL sent to DuckDB. */
  sent: string;
  /** Where the user's statement starts in `sent` (after a wrapper such as CREATE TABLE ... AS). */
  offset: number;
  /** The cell's whole SQL. */
  source: string;
  /** Where that statement starts in `source`. */
  start: number;
  /** The cell's result table (`__seglab_cell_<id>`), and the cell's name to call it by. */
  table?: string;
  name?: string;
}

/** A cell's error as shown: the message, and the line of the cell's SQL with a caret. */
export interface SqlErrorView {
  message: string;
  /** 1-based line and column in the cell's SQL. */
  line?: number;
  column?: number;
  /** That line of the cell's SQL, and a line with a caret under the column. */
  code?: string;
  caret?: string;
}

const RESULT_TABLE = /"?__seglab_cell_[A-Za-z0-9_]+"?/g;
/** DuckDB's suggestion of an internal table for a misspelt name helps nobody. */
const SUGGESTS_RESULT_TABLE = /\n?Did you mean "?__seglab_cell_[A-Za-z0-9_]+"?\?/g;
const CONTEXT = /\n*LINE (\d+): ([^\n]*)\n( *)\^[^\n]*/;
const CONTEXTS = new RegExp(CONTEXT.source, 'g');
const LINE_PREFIX = (line: string) => `LINE ${line}: `.length;

/** Characters drawn two columns wide in a terminal (CJK, full-width forms), as DuckDB counts them. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** The index in `text` where `columns` display columns have been used up. */
function indexAtWidth(text: string, columns: number): number {
  let width = 0;
  let i = 0;
  while (i < text.length && width < columns) {
    const code = text.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    width += WIDE.test(ch) || code > 0xffff ? 2 : 1;
    i += ch.length;
  }
  return i;
}

/** Finds where a `LINE n: excerpt` + caret points in `sent`. */
function positionFromContext(sent: string, line: number, excerpt: string, caret: number) {
  const lines = sent.split('\n');
  const text = lines[line - 1];
  if (text === undefined) return undefined;
  const lineStart = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  const leading = excerpt.startsWith('...') ? 3 : 0;
  const core = excerpt.slice(leading).replace(/\.\.\.$/, '');
  const at = text.indexOf(core);
  if (at < 0 || caret < leading) return undefined;
  return lineStart + at + indexAtWidth(core, caret - leading);
}

/** Reads DuckDB's error (JSON or text) about the SQL `sent`. */
export function parseDuckDbError(raw: string, sent: string): DuckDbError {
  let type: string | undefined;
  let text = raw;
  let position: number | undefined;
  if (raw.trimStart().startsWith('{')) {
    try {
      const json = JSON.parse(raw) as Record<string, unknown>;
      if (typeof json.exception_message === 'string') {
        type = typeof json.exception_type === 'string' ? json.exception_type : undefined;
        text = json.exception_message;
        const at = Number(json.position);
        if (json.position !== undefined && Number.isInteger(at) && at >= 0) {
          position = Math.min(at, sent.length);
        }
      }
    } catch {
      // Not JSON after all: read it as text.
    }
  }
  const context = CONTEXT.exec(text);
  if (context) {
    if (position === undefined) {
      const [, line, excerpt, spaces] = context;
      const caret = spaces!.length - LINE_PREFIX(line!);
      position = positionFromContext(sent, Number(line), excerpt!, caret);
    }
    text = text.replace(CONTEXTS, '');
  }
  const message = text.trim();
  return {
    message: type && !message.startsWith(`${type} Error`) ? `${type} Error: ${message}` : message,
    ...(position !== undefined ? { position } : {}),
  };
}

/** The caret line under `column` (1-based) of `code`, keeping tabs and wide characters aligned. */
function caretUnder(code: string, column: number): string {
  const before = [...code.slice(0, column - 1)]
    .map((ch) => (ch === '\t' ? '\t' : WIDE.test(ch) ? '\u3000' : ' '))
    .join('');
  return `${before}^`;
}

/**
 * The error of one statement of a cell, as the user should see it: DuckDB's message without
 * JSON or internal table names, and where it points in the cell's own SQL.
 */
export function sqlErrorView(raw: string, where: SentStatement): SqlErrorView {
  const parsed = parseDuckDbError(raw, where.sent);
  const own = where.name ? `"${where.name}"` : 'this cell’s result';
  const message = parsed.message
    .replace(SUGGESTS_RESULT_TABLE, '')
    .replace(RESULT_TABLE, (found) =>
      found.replaceAll('"', '') === where.table ? own : 'another cell’s result',
    );
  const view: SqlErrorView = { message };
  const pos = parsed.position;
  if (pos === undefined || pos < where.offset) return view;
  const statementEnd = where.start + (where.sent.length - where.offset);
  const at = Math.min(where.start + (pos - where.offset), statementEnd, where.source.length);
  const lineStart = where.source.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = where.source.indexOf('\n', at);
  const code = where.source.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const line = where.source.slice(0, lineStart).split('\n').length;
  const column = at - lineStart + 1;
  return { message, line, column, code, caret: caretUnder(code, column) };
}

/** The view as the text of a monospace block, with the place named in both languages. */
export function sqlErrorLabels(view: SqlErrorView): Labels {
  if (view.line === undefined || view.code === undefined) {
    return { en: view.message, zh: view.message };
  }
  const block = (where: string) => `${view.message}\n\n${where}\n${view.code}\n${view.caret}`;
  return {
    en: block(`Line ${view.line}, column ${view.column}:`),
    zh: block(`第 ${view.line} 行，第 ${view.column} 列：`),
  };
}

/** A SQL cell's statement failed: the readable view, and DuckDB's error as `cause`. */
export class SqlCellError extends LocalizedError {
  constructor(
    readonly view: SqlErrorView,
    override readonly cause: unknown,
  ) {
    super(sqlErrorLabels(view));
  }
}
