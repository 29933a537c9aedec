import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../eslint.config.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The rows of the Layers table in docs/architecture.md: folder -> the folders it may import. */
function documentedLayers(): Map<string, string[]> {
  const doc = readFileSync(path.join(root, 'docs/architecture.md'), 'utf8');
  const section = doc.split('## Layers')[1]!.split('\n## ')[0]!;
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const m = /^\| `([a-z0-9-]+)\/` \|.*\| ([^|]+) \|$/.exec(line);
    if (!m) continue;
    const may = [...m[2]!.matchAll(/`([a-z0-9-]+)\/`/g)].map((x) => x[1]!);
    rows.set(m[1]!, may);
  }
  return rows;
}

/** Every .ts/.svelte file under src/ with the src/ files it imports (type imports included). */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|svelte)$/.test(f))
    .map((f) => path.join('src', f));
  const spec = /(?:import|export)\s[^'";]*?from\s+['"](\.[^'"]+)['"]/g;
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const deps: string[] = [];
    for (const [, rel] of readFileSync(path.join(root, file), 'utf8').matchAll(spec)) {
      const base = path.join(path.dirname(file), rel!);
      const target = ['', '.ts', '.svelte', '/index.ts']
        .map((ext) => base + ext)
        .find((f) => /\.(ts|svelte)$/.test(f) && existsSync(path.join(root, f)));
      if (target) deps.push(target);
    }
    graph.set(file, deps);
  }
  return graph;
}

/** The import cycles of `graph`, each as the files on it (depth-first, back edges). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (state.get(dep) === 'open') found.push(stack.slice(stack.indexOf(dep)));
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('layers', () => {
  let eslint: ESLint;

  beforeAll(() => {
    eslint = new ESLint({ cwd: root });
  });

  /** The no-restricted-imports messages ESLint gives `code` as if it were the file `file`. */
  async function refusals(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return result!.messages
      .filter((m) => m.ruleId === 'no-restricted-imports')
      .map((m) => m.message);
  }

  it('lint refuses an import that points upward', async () => {
    const upward: [file: string, code: string][] = [
      [
        'src/sql/new-builder.ts',
        "import type { PresetCell } from '../model/notebook';\nexport type C = PresetCell;\n",
      ],
      [
        'src/sql/presets/new-preset.ts',
        "import { presetById } from '../../model/presets';\nexport const p = presetById('rfm');\n",
      ],
      [
        'src/domain/new-type.ts',
        "import type { Engine } from '../engine/types';\nexport type E = Engine;\n",
      ],
      ['src/model/new-logic.ts', "export { Workspace } from '../state/Workspace.svelte';\n"],
      [
        'src/charts/new-chart.ts',
        "import { readCsvSql } from '../sql/read-csv';\nexport const r = readCsvSql;\n",
      ],
    ];
    for (const [file, code] of upward) {
      const messages = await refusals(file, code);
      expect(messages, file).toHaveLength(1);
      expect(messages[0], file).toContain('imports point downward');
    }
  });

  it('lint lets an import point downward', async () => {
    const downward: [file: string, code: string][] = [
      [
        'src/sql/new-builder.ts',
        "import type { TableMapping } from '../domain/roles';\nexport type M = TableMapping;\n",
      ],
      [
        'src/model/presets/new-preset.ts',
        "import { ident } from '../../sql/quote';\nexport const q = ident('a');\n",
      ],
      [
        'src/state/new-state.ts',
        "import { readCsvSql } from '../sql/read-csv';\nexport const r = readCsvSql;\n",
      ],
    ];
    for (const [file, code] of downward) {
      expect(await refusals(file, code), file).toEqual([]);
    }
  });

  it('docs/architecture.md lists every folder of src/, each with what lint lets it import', () => {
    const documented = documentedLayers();
    const folders = readdirSync(path.join(root, 'src'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect([...documented.keys()].sort()).toEqual(folders);
    expect(Object.keys(LAYERS).sort()).toEqual(folders);
    for (const [layer, may] of documented) {
      expect(may.sort(), layer).toEqual([...LAYERS[layer as keyof typeof LAYERS]].sort());
    }
  });

  it('src/ has no import cycle', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get(path.join('src', 'state', 'Workspace.svelte.ts'))).toContain(
      path.join('src', 'state', 'NotebookState.svelte.ts'),
    );
    expect(cycles(graph)).toEqual([]);
    // The check sees a cycle when there is one.
    const looped = new Map(graph);
    looped.set(path.join('src', 'sql', 'quote.ts'), [path.join('src', 'model', 'notebook.ts')]);
    expect(cycles(looped).length).toBeGreaterThan(0);
  });
});
