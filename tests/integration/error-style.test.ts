import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CJK = /[\u3400-\u9fff]/;

/** Each `new Error(...)` in a text, arguments included (parentheses balanced), with its line. */
function errorCalls(text: string): { line: number; call: string }[] {
  const calls: { line: number; call: string }[] = [];
  for (const m of text.matchAll(/new Error\(/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    while (depth > 0 && i < text.length) {
      const c = text[i++];
      if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    const line = text.slice(0, m.index).split('\n').length;
    calls.push({ line, call: text.slice(m.index, i) });
  }
  return calls;
}

describe('user-facing errors', () => {
  it('finds Chinese text inside a multi-line Error call', () => {
    const text =
      "if (x) {\n  throw new Error(\n    'Bad input.\\n' +\n      '输入有误。',\n  );\n}\n";
    expect(errorCalls(text).filter((c) => CJK.test(c.call))).toEqual([
      { line: 2, call: "new Error(\n    'Bad input.\\n' +\n      '输入有误。',\n  )" },
    ]);
    expect(
      errorCalls('throw new Error(`${what} (${n}) failed`);').every((c) => !CJK.test(c.call)),
    ).toBe(true);
  });

  it('carry their two languages in a LocalizedError, never in a plain Error', () => {
    const files = readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|svelte)$/.test(f))
      .map((f) => path.join('src', f));
    expect(files.length).toBeGreaterThan(100);
    const bilingual = files.flatMap((file) =>
      errorCalls(readFileSync(path.join(root, file), 'utf8'))
        .filter((c) => CJK.test(c.call))
        .map((c) => `${file}:${c.line}`),
    );
    expect(bilingual, 'throw new LocalizedError({ en, zh }) instead').toEqual([]);
  });
});
