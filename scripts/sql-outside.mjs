#!/usr/bin/env node
// Lists the files outside src/sql/ that build SQL text. SQL is built only in src/sql/, where
// identifiers and literals are quoted by sql/quote.ts; anywhere else a statement is a place to
// forget the quoting. Usage: `node scripts/sql-outside.mjs [root]`; exits 1 when it lists any.
//
// The heuristic: a string or template literal (its text parts, not the `${…}` inside) that
// reads like SQL — an upper-case statement keyword (SELECT, CREATE TABLE, COPY, ATTACH, PRAGMA,
// SET x = …) or clause (FROM x, WHERE, GROUP BY, JOIN, CAST(…), CASE WHEN …). User-facing
// text rarely spells these in capitals; when a file must, it goes in ALLOWED with its reason.
// Importing sql/quote.ts counts too: quoting is only needed to build SQL.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Files outside src/sql/ allowed to hold SQL text, each with why. Paths from the root. */
export const ALLOWED = {
  'src/engine/sandbox.ts':
    "The engine's fixed sandbox statements (no extensions, allowed directories, no external access), run once right after DuckDB connects; nothing in them comes from the user.",
  'src/engine/WasmEngine.ts':
    "The engine's own session settings, fixed text: the progress bar on at connect, and the thread count read and set around work that must run on one thread (a number it read from DuckDB). engine/ imports nothing of ours, so it cannot call sql/.",
};

const SQL_PATTERNS = [
  /\bSELECT\b/,
  /\bFROM\s+[\w"(]/,
  /\bCREATE\s+(OR\s+REPLACE\s+)?(TEMP\s+|TEMPORARY\s+)?(TABLE|VIEW|SEQUENCE|MACRO|TYPE)\b/,
  /\bINSERT\s+INTO\b/,
  /\bCOPY\s+[\w"(]/,
  /\bATTACH\b/,
  /\bPRAGMA\b/,
  /\bSET\s+\w+\s*(=|TO\b)/,
  /\bRESET\s+\w+/,
  /\bDROP\s+(TABLE|VIEW|MACRO|SEQUENCE)\b/,
  /\bALTER\s+TABLE\b/,
  /\bDESCRIBE\b/,
  /\bSUMMARIZE\b/,
  /\bWHERE\s+[\w"(]/,
  /\bGROUP\s+BY\b/,
  /\bORDER\s+BY\b/,
  /\bJOIN\s+[\w"(]/,
  /\bUNION\s+(ALL\b|BY\b)/,
  /\b(TRY_)?CAST\s*\(/,
  /\bCASE\s+WHEN\b/,
  /\bCASE\s*$/,
  /^\s*WHEN\s.*\bTHEN\b/,
  /\bIS\s+(NOT\s+)?NULL\b/,
  /\bread_(csv|parquet|json)(_auto)?\s*\(/,
  /[\w")]\s+AS\s+[\w"(]/,
  /::(VARCHAR|DATE|DOUBLE|TIMESTAMP|BIGINT|INTEGER|DECIMAL)\b/,
  /\bOVER\s*\(/,
  /\b(COALESCE|NULLIF|TRY_STRPTIME|STRPTIME)\s*\(/,
  /\bBETWEEN\b.*\bAND\b/,
];

/** Whether a literal's text reads like SQL; returns the first matching pattern's text. */
export function sqlKeyword(text) {
  for (const pattern of SQL_PATTERNS) {
    const m = pattern.exec(text);
    if (m) return m[0].trim();
  }
  return null;
}

/** The script parts of a Svelte component (its markup's `{…}` are not scanned). */
function svelteScripts(source) {
  return [...source.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** Each SQL-looking literal in TypeScript/JavaScript source: { line, keyword, text }. */
export function sqlLiterals(source, fileName = 'file.ts') {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found = [];
  const check = (node, text) => {
    const keyword = sqlKeyword(text);
    if (!keyword) return;
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    found.push({
      line,
      keyword: keyword.replace(/\s+/g, ' '),
      text: text.trim().split('\n')[0].slice(0, 80),
    });
  };
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      // Module names (`import … from 'x'`) are not text, but importing the quoting is a sign.
      if (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent)) {
        if (/(^|\/)sql\/quote(\.ts)?$/.test(node.text)) {
          const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
          found.push({
            line,
            keyword: 'sql/quote',
            text: node.parent.getText(file).split('\n')[0],
          });
        }
      } else {
        check(node, node.text);
      }
    } else if (ts.isTemplateExpression(node)) {
      // The literal parts joined as one text, so a clause split by `${…}` still reads as one.
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
      check(node, parts.join(' x '));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|js|mjs|svelte)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      yield full;
    }
  }
}

/**
 * The files under `root`/src, outside src/sql/ and not in `allowed`, holding SQL-looking
 * literals, sorted by path: [{ file, hits: [{ line, keyword, text }] }].
 */
export function sqlOutside(root, allowed = ALLOWED) {
  const result = [];
  for (const full of sourceFiles(path.join(root, 'src'))) {
    const rel = path.relative(root, full).split(path.sep).join('/');
    if (rel.startsWith('src/sql/') || rel in allowed) continue;
    const source = readFileSync(full, 'utf8');
    const code = rel.endsWith('.svelte') ? svelteScripts(source) : source;
    const hits = sqlLiterals(code, rel.replace(/\.svelte$/, '.ts'));
    if (hits.length > 0) result.push({ file: rel, hits });
  }
  return result.sort((a, b) => a.file.localeCompare(b.file));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(process.argv[2] ?? '.');
  const files = sqlOutside(root);
  for (const { file, hits } of files) {
    for (const hit of hits) console.log(`${file}:${hit.line}: ${hit.keyword}  | ${hit.text}`);
  }
  console.log(`${files.length} file(s) outside src/sql/ build SQL text.`);
  process.exitCode = files.length > 0 ? 1 : 0;
}
