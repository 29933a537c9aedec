import { parse, View, type Spec as VegaSpec } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';

/** A scenegraph node as Vega builds it (only what the tests read). */
export interface SceneNode {
  marktype?: string;
  role?: string;
  name?: string;
  text?: string | string[];
  fontSize?: number;
  items?: SceneNode[];
  datum?: Record<string, unknown>;
}

export interface Rendered {
  view: View;
  vega: VegaSpec;
  /** Errors and warnings Vega logged while running (it logs rather than throws). */
  problems: string[];
  /** Every item of marks with this marktype and role 'mark' (not axes, legends, titles). */
  items(marktype: string): SceneNode[];
  /** Items of the mark with this name, e.g. 'concat_4_layer_0_marks'. */
  named(name: string): SceneNode[];
  /** Every text item whose mark has this role (e.g. 'title-text', 'axis-title'), as strings. */
  texts(role?: string): string[];
  /** Every text item (any role). */
  textItems(): SceneNode[];
  /** The text items of marks with this role (e.g. 'axis-label'), with their bounds. */
  textItemsOf(role: string): SceneNode[];
  /** Rows of every inline dataset, by name. */
  dataRows(): Record<string, number>;
}

// Vega View adds a resize listener for width "container"; headless there is no window.
const HEADLESS_NOISE = /Can not resolve event source: window/;

function walk(node: SceneNode, visit: (mark: SceneNode) => void): void {
  if (node.marktype) visit(node);
  for (const child of node.items ?? []) walk(child, visit);
}

/** Runs a Vega spec headless, the way the app does under its CSP: AST + interpreter, no eval. */
export async function renderVega(spec: VegaSpec): Promise<Rendered> {
  const problems: string[] = [];
  let level = 0;
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: unknown[]) {
      problems.push(args.map(String).join(' '));
      return logger;
    },
    warn(...args: unknown[]) {
      const text = args.map(String).join(' ');
      if (!HEADLESS_NOISE.test(text)) problems.push(text);
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  const view = new View(parse(spec, undefined, { ast: true }), {
    expr: expressionInterpreter,
    renderer: 'none',
    logger: logger as never,
  });
  await view.runAsync();
  const root = (view.scenegraph() as unknown as { root: SceneNode }).root;
  const marks: SceneNode[] = [];
  walk(root, (m) => marks.push(m));
  const textItems = marks.filter((m) => m.marktype === 'text').flatMap((m) => m.items ?? []);
  return {
    view,
    vega: spec,
    problems,
    items: (marktype) =>
      marks
        .filter((m) => m.marktype === marktype && m.role === 'mark')
        .flatMap((m) => m.items ?? []),
    named: (name) => marks.filter((m) => m.name === name).flatMap((m) => m.items ?? []),
    texts: (role) =>
      marks
        .filter((m) => m.marktype === 'text' && (role === undefined || m.role === role))
        .flatMap((m) => m.items ?? [])
        .map((i) => (Array.isArray(i.text) ? i.text.join('\n') : String(i.text ?? ''))),
    textItems: () => textItems,
    textItemsOf: (role) =>
      marks.filter((m) => m.marktype === 'text' && m.role === role).flatMap((m) => m.items ?? []),
    dataRows: () =>
      Object.fromEntries(
        (spec.data ?? [])
          .filter((d) => 'values' in d && Array.isArray(d.values))
          .map((d) => [d.name, (d as { values: unknown[] }).values.length]),
      ),
  };
}

/** Compiles a Vega-Lite spec (failing on compile warnings) and runs it headless. */
export async function renderVegaLite(spec: TopLevelSpec): Promise<Rendered> {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...a: unknown[]) => (warnings.push(a.map(String).join(' ')), logger),
    warn: (...a: unknown[]) => (warnings.push(a.map(String).join(' ')), logger),
    info: () => logger,
    debug: () => logger,
  };
  const vega = compile(spec, { logger: logger as never }).spec;
  const rendered = await renderVega(vega);
  rendered.problems.unshift(...warnings);
  return rendered;
}

/** Counts the rows embedded anywhere in a Vega-Lite spec (top level, layers, concat). */
export function embeddedRows(spec: unknown): number {
  if (Array.isArray(spec)) return spec.reduce((n: number, s) => n + embeddedRows(s), 0);
  if (spec === null || typeof spec !== 'object') return 0;
  let n = 0;
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'data' && value && typeof value === 'object' && 'values' in value) {
      n += Array.isArray(value.values) ? value.values.length : 0;
    } else if (key !== 'config') {
      n += embeddedRows(value);
    }
  }
  return n;
}
