import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Lang } from '../../src/domain/labels';
import { translate, type MessageKey, type MessageParams } from '../../src/i18n/translate';
import { parseNotebook } from '../../src/io/notebook-file';
import { errorText } from '../../src/model/error-text';
import { NativeEngine } from './native-engine';
import { runNotebook } from './run-notebook';
import { writeOutputs } from './write-outputs';

export interface CliArgs {
  notebook: string;
  data: string;
  out: string;
  lang?: Lang;
  /** The bundle carries the tables as loaded, not only the results. */
  withData?: boolean;
  /** DuckDB's memory_limit, e.g. `4GB`. */
  memoryLimit?: string;
  /** Where DuckDB spills what does not fit in its memory. */
  tempDir?: string;
}

const FLAGS = ['with-data'];
const OPTIONS = ['data', 'out', 'lang', 'memory-limit', 'temp-dir'];
const SIZE = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

/**
 * `run NOTEBOOK --data DIR --out DIR [--lang L] [--with-data] [--memory-limit SIZE]
 * [--temp-dir DIR]`; a string saying what is wrong otherwise.
 */
export function parseArgs(argv: readonly string[]): CliArgs | string {
  const [command, ...rest] = argv;
  if (command !== 'run') return `unknown command “${command ?? ''}”`;
  const options: Record<string, string> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (FLAGS.includes(a.slice(2)) && a.startsWith('--')) flags.add(a.slice(2));
    else if (a.startsWith('--')) {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith('--')) return `${a} needs a value`;
      options[a.slice(2)] = value;
      i++;
    } else positional.push(a);
  }
  const unknown = Object.keys(options).filter((k) => !OPTIONS.includes(k));
  if (unknown.length > 0) return `unknown option --${unknown[0]}`;
  if (positional.length !== 1) return 'give one notebook file (.seglab.json)';
  if (!options.data || !options.out) return '--data DIR and --out DIR are both needed';
  const lang = options.lang;
  if (lang !== undefined && lang !== 'en' && lang !== 'zh-CN') return '--lang is en or zh-CN';
  const memoryLimit = options['memory-limit'];
  if (memoryLimit !== undefined && !SIZE.test(memoryLimit)) {
    return '--memory-limit is a size such as 512MB or 4GB';
  }
  const tempDir = options['temp-dir'];
  return {
    notebook: positional[0]!,
    data: options.data,
    out: options.out,
    ...(lang ? { lang } : {}),
    ...(flags.has('with-data') ? { withData: true } : {}),
    ...(memoryLimit ? { memoryLimit } : {}),
    ...(tempDir ? { tempDir } : {}),
  };
}

/** Runs the command; resolves to the exit code (0: every cell ran; 1: something failed). */
export async function main(
  argv: readonly string[],
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    write(translate('en', 'cli.badArgs', { detail: args }));
    write(translate('en', 'cli.usage'));
    return 2;
  }
  let lang: Lang = args.lang ?? 'en';
  const say = (key: MessageKey, params: MessageParams = {}) => write(translate(lang, key, params));
  let engine: NativeEngine | null = null;
  try {
    const notebook = parseNotebook(readFileSync(args.notebook, 'utf8'));
    lang = args.lang ?? notebook.lang ?? 'en';
    const data = path.resolve(args.data);
    const out = path.resolve(args.out);
    mkdirSync(out, { recursive: true });
    const tempDir = args.tempDir && path.resolve(args.tempDir);
    if (tempDir) mkdirSync(tempDir, { recursive: true });
    engine = await NativeEngine.start([data, out], {
      ...(args.memoryLimit ? { memoryLimit: args.memoryLimit } : {}),
      ...(tempDir ? { tempDir } : {}),
    });
    const report = await runNotebook(engine, notebook, data, lang, (e) => say(e.key, e.params));
    const bundleName = `${path.basename(args.notebook).replace(/(\.seglab)?\.json$/i, '')}.seglab`;
    const options = { withData: args.withData === true };
    for (const file of await writeOutputs(engine, notebook, report, out, bundleName, options)) {
      const relative = path.relative(process.cwd(), file);
      say('cli.wrote', { file: relative.startsWith('..') ? file : relative });
    }
    const done = report.cells.filter((c) => c.status === 'done').length;
    say('cli.finished', { done, cells: report.cells.length, dir: out });
    const failed = report.cells.length - done;
    if (failed > 0) say('cli.someFailed', { failed });
    return failed > 0 ? 1 : 0;
  } catch (e) {
    write(errorText(e, lang));
    return 1;
  } finally {
    await engine?.terminate();
  }
}
