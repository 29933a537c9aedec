/** A lexical piece of SQL, enough to split statements and find referenced names. */
export interface SqlToken {
  kind: 'word' | 'quoted' | 'string' | 'comment' | 'semicolon' | 'other';
  text: string;
  start: number;
  end: number;
}

/**
 * A small DuckDB-flavoured lexer: words, "quoted identifiers", 'strings' (including E'' and
 * $$dollar$$ strings), -- and block comments, semicolons. Never throws: unterminated pieces run
 * to the end of the text.
 */
export function tokenize(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  const n = sql.length;
  const push = (kind: SqlToken['kind'], start: number, end: number) =>
    tokens.push({ kind, text: sql.slice(start, end), start, end });
  while (i < n) {
    const c = sql[i]!;
    const start = i;
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? n : nl;
      push('comment', start, i);
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? n : close + 2;
      push('comment', start, i);
    } else if (c === "'" || c === '"') {
      i++;
      while (i < n) {
        if (sql[i] === c) {
          if (sql[i + 1] === c) i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
      push(c === '"' ? 'quoted' : 'string', start, i);
    } else if (c === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(i, i + 40))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))![0];
      const close = sql.indexOf(tag, i + tag.length);
      i = close === -1 ? n : close + tag.length;
      push('string', start, i);
    } else if (c === ';') {
      i++;
      push('semicolon', start, i);
    } else if (/[\p{L}_]/u.test(c)) {
      i++;
      while (i < n && /[\p{L}\p{N}_$]/u.test(sql[i]!)) i++;
      push('word', start, i);
    } else {
      i++;
      if (!/\s/.test(c)) push('other', start, i);
    }
  }
  return tokens;
}

/** The name a token spells, if it is an identifier (bare words are case-insensitive). */
export function identifierName(token: SqlToken): string | null {
  if (token.kind === 'word') return token.text.toLowerCase();
  if (token.kind === 'quoted') return token.text.slice(1, -1).replaceAll('""', '"').toLowerCase();
  return null;
}
