const ROWS = 100_000;

/**
 * A small synthetic orders CSV (100k rows, about 4 MB): order id, customer id, timestamp,
 * amount, the shape of a typical export. The engine runs the app's first analysis over it
 * before it reports ready (state/warm-up-pipeline.ts), so that V8 has compiled and optimised
 * DuckDB's WebAssembly on the paths the user's data takes next. Written byte by byte into one
 * buffer: building it from strings and Dates took a quarter of a second on the main thread.
 */
export function warmUpCsv(): Uint8Array<ArrayBuffer> {
  const header = 'order_id,customer_id,order_date,amount\n';
  const out = new Uint8Array(header.length + ROWS * 48);
  let at = 0;
  const char = (text: string) => {
    for (let k = 0; k < text.length; k++) out[at++] = text.charCodeAt(k);
  };
  const digits = (n: number, width: number) => {
    for (let d = width - 1; d >= 0; d--, n = Math.floor(n / 10)) out[at + d] = 48 + (n % 10);
    at += width;
  };
  char(header);
  for (let i = 0; i < ROWS; i++) {
    char('O');
    digits(i, 6);
    char(',C');
    digits((i * 7919) % 4999, 4);
    char(',2023-');
    digits(((i >> 13) % 12) + 1, 2);
    char('-');
    digits(((i >> 8) % 28) + 1, 2);
    char(' ');
    digits(i % 24, 2);
    char(':');
    digits(i % 60, 2);
    char(':');
    digits((i * 7) % 60, 2);
    char(',');
    // No leading zeros: DuckDB reads a column of zero-padded numbers as text (codes, zips).
    char(String(1 + ((i * 104729) % 10007)));
    char('.');
    digits(i % 100, 2);
    char('\n');
  }
  return out.subarray(0, at);
}
