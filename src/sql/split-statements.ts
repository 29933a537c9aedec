import { tokenize } from './tokenize';

/** Splits SQL text into statements at top-level semicolons, dropping empty ones. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let from = 0;
  let hasCode = false;
  for (const token of tokenize(sql)) {
    if (token.kind === 'semicolon') {
      if (hasCode) out.push(sql.slice(from, token.start).trim());
      from = token.end;
      hasCode = false;
    } else if (token.kind !== 'comment') {
      hasCode = true;
    }
  }
  if (hasCode) out.push(sql.slice(from).trim());
  return out;
}

const QUERY_STARTS = new Set(['select', 'with', 'from', 'values', 'table', 'pivot', 'unpivot']);

/** Whether a statement returns rows that can be stored with CREATE TABLE ... AS. */
export function isQueryStatement(statement: string): boolean {
  const first = tokenize(statement).find((t) => t.kind !== 'comment' && t.text !== '(');
  return first?.kind === 'word' && QUERY_STARTS.has(first.text.toLowerCase());
}
