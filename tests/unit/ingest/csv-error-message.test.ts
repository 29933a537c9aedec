import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadError } from '../../../src/ingest/load-error';
import { describeCsvErrorMessage } from '../../../src/ingest/csv-error-message';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const utf8 = (s: string) => new TextEncoder().encode(s);
const lateNa =
  'id,amount\n' +
  Array.from({ length: 3000 }, (_, i) => `${i + 1},${i === 2499 ? 'N/A' : i + 1}`).join('\n') +
  '\n';

async function duckdbError(sql: string): Promise<unknown> {
  return engine.query(sql).then(
    () => {
      throw new Error('expected DuckDB to fail');
    },
    (e: unknown) => e,
  );
}

describe('describeCsvErrorMessage', () => {
  it('names the line DuckDB reports for a line that is too long, without quoting it', async () => {
    // DuckDB's error for a line past `max_line_size`, here a small one: it takes DuckDB about
    // 2 µs per byte of the line to report it, 8 s for a line past the app's 4 MB.
    await engine.registerFile('/seglab/huge.csv', utf8(`${'x'.repeat(150_000)},1\n1,2\n`));
    const error = await duckdbError(
      "SELECT * FROM read_csv('/seglab/huge.csv', auto_detect=true, max_line_size=100000)",
    );
    const e = describeCsvErrorMessage(error, 'huge.csv');
    expect(e).toBeInstanceOf(LoadError);
    expect(e).toMatchObject({ code: 'line-too-long', file: 'huge.csv', row: 1 });
    expect(e.messages.en).toBe('"huge.csv" on line 1: a line is longer than 4 MB.');
    expect(e.messages.zh).toBe('“huge.csv”第 1 行：有一行超过 4 MB。');
    expect(e.message.length).toBeLessThan(200);
    expect(e.cause).toBe(error);
  });

  it('names line and column of a value that does not fit its column', async () => {
    await engine.registerFile('/seglab/late.csv', utf8(lateNa));
    const error = await duckdbError("SELECT * FROM read_csv('/seglab/late.csv', sample_size=1000)");
    const e = describeCsvErrorMessage(error, 'late.csv');
    expect(e).toMatchObject({ code: 'type-mismatch', row: 2501, column: 'amount' });
    expect(e.messages.en).toBe(
      '"late.csv" on line 2501, column "amount": the value "N/A" is not a BIGINT, unlike the values above it.',
    );
    expect(e.messages.zh).toBe(
      '“late.csv”第 2501 行“amount”列：值“N/A”不是 BIGINT 类型，与前面的值不一致。',
    );
  });

  it('names the line where a quote never closes', async () => {
    await engine.registerFile('/seglab/q.csv', utf8('id,name\n1,"a, b"\n2,ok\n3,"open\n4,x\n'));
    const error = await duckdbError(
      "SELECT * FROM read_csv('/seglab/q.csv', auto_detect=false, header=true, delim=',', quote='\"', columns={'id': 'VARCHAR', 'name': 'VARCHAR'})",
    );
    expect(describeCsvErrorMessage(error, 'q.csv')).toMatchObject({
      code: 'unclosed-quote',
      row: 4,
    });
  });

  it('points to the encoding when the bytes are not UTF-8', async () => {
    const gbk = new Uint8Array([...utf8('a,b\n1,2\n'), 0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0x31, 0x0a]);
    await engine.registerFile('/seglab/gbk.csv', gbk);
    const e = describeCsvErrorMessage(
      await duckdbError("SELECT * FROM read_csv('/seglab/gbk.csv')"),
      'gbk.csv',
    );
    expect(e).toMatchObject({ code: 'encoding', row: 3 });
    expect(e.hint.en).toContain('GB18030');
  });

  it('explains a layout DuckDB could not detect', async () => {
    await engine.registerFile('/seglab/ragged.csv', utf8('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n'));
    const e = describeCsvErrorMessage(
      await duckdbError("SELECT * FROM read_csv('/seglab/ragged.csv', delim=',')"),
      'ragged.csv',
    );
    expect(e.code).toBe('csv-layout');
    expect(e.row).toBeUndefined();
    expect(e.messages.en).toBe(
      '"ragged.csv": could not work out the layout (delimiter, quotes, header).',
    );
  });

  it('passes on anything else with DuckDB first line', async () => {
    const e = describeCsvErrorMessage(
      await duckdbError("SELECT * FROM read_csv('/seglab/gone.csv')"),
      'gone.csv',
    );
    expect(e.code).toBe('csv-read');
    expect(e.messages.en).toMatch(
      /^"gone.csv": DuckDB could not read it \(IO Error: No files found/,
    );
    expect(describeCsvErrorMessage('boom', 'x.csv').messages.en).toBe(
      '"x.csv": DuckDB could not read it (boom).',
    );
  });
});
