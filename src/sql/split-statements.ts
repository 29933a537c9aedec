import { tokenize } from './tokenize';

/** One statement of a SQL text, and where it starts in that text. */
export interface Statement {
  text: string;
  start: number;
}

/** Splits SQL text into statements at top-level semicolons, dropping empty ones. */
export function splitStatements(sql: string): string[] {
  return splitStatementsAt(sql).map((s) => s.text);
}

/** `splitStatements`, with each statement's offset in `sql` (to point errors at it). */
export function splitStatementsAt(sql: string): Statement[] {
  const out: Statement[] = [];
  let from = 0;
  let hasCode = false;
  const push = (end: number) => {
    const raw = sql.slice(from, end);
    const lead = raw.length - raw.trimStart().length;
    out.push({ text: raw.trim(), start: from + lead });
  };
  for (const token of tokenize(sql)) {
    if (token.kind === 'semicolon') {
      if (hasCode) push(token.start);
      from = token.end;
      hasCode = false;
    } else if (token.kind !== 'comment') {
      hasCode = true;
    }
  }
  if (hasCode) push(sql.length);
  return out;
}

const QUERY_STARTS = new Set(['select', 'with', 'from', 'values', 'table', 'pivot', 'unpivot']);

/** Whether a statement returns rows that can be stored with CREATE TABLE ... AS. */
export function isQueryStatement(statement: string): boolean {
  const first = tokenize(statement).find((t) => t.kind !== 'comment' && t.text !== '(');
  return first?.kind === 'word' && QUERY_STARTS.has(first.text.toLowerCase());
}
