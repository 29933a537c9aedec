import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWED, sqlOutside } from '../../../scripts/sql-outside.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const script = path.join(root, 'scripts/sql-outside.mjs');

/** A small source tree: SQL built in the wrong places, and text that only looks like it. */
const TREE: Record<string, string> = {
  'src/state/make-table.ts':
    'export const make = (t: string) => `CREATE TABLE ${t} AS SELECT 1 AS x`;\n',
  'src/components/Picker.svelte':
    '<script lang="ts">\n  const q = "SELECT * FROM orders";\n</script>\n<p>{q}</p>\n',
  'src/model/filter.ts':
    "import { ident } from '../sql/quote';\nexport const f = (c: string) => ident(c);\n",
  'src/ingest/cast.ts': "export const asDate = (e: string) => 'TRY_CAST(' + e + ' AS DATE)';\n",
  // SQL where it belongs, and an allowed engine file.
  'src/sql/page.ts': 'export const page = (t: string) => `SELECT * FROM ${t} LIMIT 100`;\n',
  'src/engine/sandbox.ts': "export const SANDBOX = ['SET enable_external_access = false'];\n",
  // User-facing text that mentions selecting and tables.
  'src/i18n/en.ts':
    "export const en = { pick: 'Select a column from the list', create: 'Create a table as a SQL cell' };\n",
};

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'sql-outside-'));
  for (const [file, text] of Object.entries(TREE)) {
    mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true });
    writeFileSync(path.join(tmp, file), text);
  }
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('sql-outside', () => {
  it('lists no file outside src/sql/ that builds SQL text', () => {
    expect(sqlOutside(root)).toEqual([]);
  });

  it('allows only engine files that exist, each with its reason', () => {
    for (const [file, why] of Object.entries(ALLOWED)) {
      expect(file).toMatch(/^src\/engine\//);
      expect(existsSync(path.join(root, file)), file).toBe(true);
      expect(why.length, file).toBeGreaterThan(40);
    }
  });

  it('finds SQL literals and sql/quote imports outside src/sql/, not user text', () => {
    const found = sqlOutside(tmp);
    expect(found.map((f) => f.file)).toEqual([
      'src/components/Picker.svelte',
      'src/ingest/cast.ts',
      'src/model/filter.ts',
      'src/state/make-table.ts',
    ]);
    const byFile = Object.fromEntries(found.map((f) => [f.file, f.hits]));
    expect(byFile['src/components/Picker.svelte']).toEqual([
      { line: 2, keyword: 'SELECT', text: 'SELECT * FROM orders' },
    ]);
    expect(byFile['src/model/filter.ts']![0]).toMatchObject({ line: 1, keyword: 'sql/quote' });
    expect(byFile['src/ingest/cast.ts']![0]).toMatchObject({ line: 1, keyword: 'TRY_CAST(' });
    expect(byFile['src/state/make-table.ts']![0]).toMatchObject({ line: 1 });
  });

  it('exits 1 and prints each place when it lists any, 0 when none', () => {
    const dirty = spawnSync(process.execPath, [script, tmp], { encoding: 'utf8' });
    expect(dirty.status).toBe(1);
    expect(dirty.stdout).toContain('src/state/make-table.ts:1:');
    expect(dirty.stdout).toContain('4 file(s) outside src/sql/ build SQL text.');
    const clean = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('0 file(s) outside src/sql/ build SQL text.');
  });
});
