import type { ReadDelimiter } from '../model/read-choices';

export type Delimiter = ',' | ';' | '\t' | '|';

export interface DelimiterGuess {
  /** `whitespace`: any run of spaces and tabs separates values, and lines may start with some. */
  delimiter: ReadDelimiter;
  confidence: 'high' | 'medium' | 'low';
  /** The first record's fields, unquoted: the column names when `hasHeader`. */
  firstRecord: string[];
  /** False when the first record already holds numbers or dates, i.e. data. */
  hasHeader: boolean;
  /** 1-based line where a quote opens and never closes (or runs on for 100+ lines), else null. */
  unclosedQuoteLine: number | null;
}

export interface SniffOptions {
  /** Whether `text` is the whole file; if not, its last, possibly cut-off record is ignored. */
  complete?: boolean;
  /** The user's choice: only read the first record and check quotes with this delimiter. */
  delimiter?: ReadDelimiter;
  /** The quote character; `"` unless chosen. */
  quote?: string;
  maxRecords?: number;
}

/** In order of preference when two fit equally well. */
export const DELIMITERS: Delimiter[] = [',', '\t', ';', '|'];
const MAX_RECORDS = 50;
/** Share of lines that must split into the same number of values to read a file as whitespace-separated. */
const WHITESPACE_SHARE = 0.9;
/** A quoted value spanning more lines than this is taken to be a quote that never closes. */
const MAX_QUOTED_LINES = 100;
const TYPED =
  /^[-+(]?[$¥￥€£]?\d[\d,.]*%?\)?$|^\d{4}[-/.年]\d{1,2}|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/;

interface Parsed {
  records: string[][];
  unclosedQuoteLine: number | null;
}

/**
 * Finds the delimiter from the start of a CSV text (already decoded), reading quoted fields the
 * way DuckDB does, so a comma inside "1,234.50" does not count. For display, the override UI,
 * and to pass DuckDB an explicit delimiter.
 */
export function sniffDelimiter(text: string, options: SniffOptions = {}): DelimiterGuess {
  const max = options.maxRecords ?? MAX_RECORDS;
  const complete = options.complete ?? true;
  const quote = options.quote ?? '"';
  let best: { delimiter: ReadDelimiter; score: number; mode: number; parsed: Parsed } | null = null;
  const candidates: ReadDelimiter[] = options.delimiter ? [options.delimiter] : DELIMITERS;
  for (const delimiter of candidates) {
    const parsed = parseRecords(text, delimiter, max, complete, quote);
    const { mode, share } = modeOf(parsed.records.map((r) => r.length));
    const score = mode > 1 || options.delimiter ? share : 0;
    if (!best || score > best.score || (score === best.score && mode > best.mode)) {
      best = { delimiter, score, mode, parsed };
    }
  }
  // Columns aligned with spaces (fixed-width exports, CDNOW): only when no delimiter character
  // splits 90% of the lines alike, over two lines at least, and the first line has as many values
  // as most lines, so a one-column file of names such as "Ann Lee" is not split.
  if (!options.delimiter && best!.score < WHITESPACE_SHARE) {
    const parsed = parseRecords(text, 'whitespace', max, complete, quote);
    const { mode, share } = modeOf(parsed.records.map((r) => r.length));
    const first = parsed.records[0]?.length ?? 0;
    const lines = parsed.records.length;
    if (
      lines > 1 &&
      mode > 1 &&
      share >= WHITESPACE_SHARE &&
      first === mode &&
      share > best!.score
    ) {
      best = { delimiter: 'whitespace', score: share, mode, parsed };
    }
  }
  const { delimiter, score, parsed } = best!;
  const firstRecord = parsed.records[0] ?? [];
  return {
    delimiter: score > 0 ? delimiter : ',',
    confidence:
      score >= 0.9 && parsed.records.length > 1 ? 'high' : score >= 0.6 ? 'medium' : 'low',
    firstRecord,
    hasHeader: !firstRecord.some((field) => TYPED.test(field.trim())),
    unclosedQuoteLine: parsed.unclosedQuoteLine,
  };
}

function modeOf(counts: number[]): { mode: number; share: number } {
  const tally = new Map<number, number>();
  for (const c of counts) tally.set(c, (tally.get(c) ?? 0) + 1);
  let mode = 0;
  let top = 0;
  for (const [count, n] of tally) {
    if (n > top || (n === top && count > mode)) [mode, top] = [count, n];
  }
  return { mode, share: counts.length ? top / counts.length : 0 };
}

/**
 * RFC 4180 records: quotes open only at the start of a field, `""` is a literal quote. With
 * `whitespace`, spaces and tabs at the start and end of a line are dropped and any run of them
 * ends a field.
 */
function parseRecords(
  text: string,
  delimiter: ReadDelimiter,
  max: number,
  complete: boolean,
  quote: string,
): Parsed {
  const spaced = delimiter === 'whitespace';
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let atFieldStart = true;
  let line = 1;
  let quoteLine = 0;
  const endRecord = () => {
    if (!spaced || field !== '' || record.length === 0) record.push(field);
    if (record.length > 1 || record[0] !== '') records.push(record);
    record = [];
    field = '';
    atFieldStart = true;
  };
  for (let i = 0; i < text.length && records.length < max; i++) {
    const ch = text[i]!;
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
    if (quoted) {
      if (ch !== quote) field += ch;
      else if (text[i + 1] === quote) field += text[++i];
      else quoted = false;
      if (quoted && line - quoteLine > MAX_QUOTED_LINES)
        return { records, unclosedQuoteLine: quoteLine };
    } else if (ch === quote && atFieldStart) {
      quoted = true;
      quoteLine = line;
      atFieldStart = false;
    } else if (spaced && (ch === ' ' || ch === '\t')) {
      if (!atFieldStart) {
        record.push(field);
        field = '';
        atFieldStart = true;
      }
    } else if (ch === delimiter) {
      record.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') {
        i++;
        line++;
      }
      endRecord();
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (quoted && complete) return { records, unclosedQuoteLine: quoteLine };
  const unfinished = field !== '' || record.length > 0;
  if (unfinished && records.length < max && (complete || records.length === 0)) endRecord();
  return { records, unclosedQuoteLine: null };
}
