import type { Labels } from '../domain/labels';
import type { ReadChoices } from '../model/read-choices';
import { countHeaderFields } from './count-header-fields';
import { csvPreflight, type CsvPreflight } from './csv-preflight';
import { detectEncoding, type EncodingGuess } from './detect-encoding';
import { detectFormat, type SniffedFormat } from './detect-format';
import { LoadError } from './load-error';
import { estimateMemory, type MemoryNeed } from './memory-estimate';
import { byteLength, HEAD_BYTES, readBytes } from './read-bytes';
import type { SheetInfo } from './read-excel';
import type { SheetArrow } from './sheet-arrow';
import { tooManyColumns } from './sanitize-columns';
import { skipLines } from './skip-lines';
import { sniffDelimiter } from './sniff-delimiter';
import { transcodeToUtf8 } from './transcode';
import { whitespaceToTabs } from './whitespace-to-tabs';
import { openWorkbookReader } from './workbook-reader';

/** A file to load: a browser File or, in tests and for samples, bytes with a name. */
export interface FileInput {
  name: string;
  data: File | Uint8Array;
}

/**
 * What the user chose when the file was loaded (encoding, sheet, delimiter, header, lines to
 * skip, decimal comma, quote), kept so a reload reads it the same way; the rest is detected.
 */
export type LoadChoices = ReadChoices;

export interface PrepareOptions extends LoadChoices {
  /**
   * Asked when a workbook has several sheets with data and no `sheet` was given; resolves to
   * the sheet to load, or null to cancel. Without it the first sheet with data is read.
   */
  chooseSheet?: (
    fileName: string,
    sheets: SheetInfo[],
    suggested: string,
  ) => Promise<string | null>;
  /** Throws (a `too-big` LoadError) when the estimated need does not fit. */
  checkMemory?: (need: MemoryNeed, format: SniffedFormat, size: number) => void;
  /**
   * Fraction of the file done so far (re-encoding, or packing a sheet); null while a workbook
   * is parsed, which SheetJS does not measure.
   */
  onProgress?: (fraction: number | null) => void;
}

interface Base {
  fileName: string;
  format: SniffedFormat;
  size: number;
  warnings: Labels[];
}

export interface PreparedCsv extends Base {
  kind: 'csv';
  /** UTF-8 without a byte-order mark: the original File when it was UTF-8 already. */
  data: File | Uint8Array;
  encoding: string;
  detected: EncodingGuess;
  preflight: CsvPreflight;
  /** How DuckDB reads `data`: whitespace-separated files arrive here as tab-separated. */
  read: CsvRead;
}

/** The read options in force for a CSV, chosen or detected: what the Read options panel shows. */
export interface CsvRead {
  delimiter: NonNullable<ReadChoices['delimiter']>;
  header: boolean;
  skip: number;
  decimalComma: boolean;
  quote: string;
}

export interface PreparedSheet extends Base {
  kind: 'sheet';
  sheet: string;
  sheets: SheetInfo[];
  /** Read (in a worker in the browser) and packed as Arrow. */
  table: SheetArrow;
}

export interface PreparedBinary extends Base {
  kind: 'parquet' | 'json';
  data: File | Uint8Array;
}

export type PreparedFile = PreparedCsv | PreparedSheet | PreparedBinary;

/** Extensions of files that may hold a table; others load only when their bytes say so. */
const DATA_EXTENSIONS = /\.(csv|tsv|txt|tab|dat|parquet|pq|json|ndjson|jsonl|xlsx|xlsm|xls|ods)$/i;

/**
 * A workbook with several sheets holding data, and no sheet chosen: the caller decides which
 * one to read (by asking the user), then calls `read`. The workbook stays open until then.
 */
export interface SheetChoice {
  kind: 'choose-sheet';
  fileName: string;
  sheets: SheetInfo[];
  /** The first sheet with data. */
  suggested: string;
  /** Reads `sheet`, or with null (the user cancelled) only closes the workbook. */
  read(sheet: string | null): Promise<PreparedSheet | null>;
}

/**
 * Everything before DuckDB, asking nothing on the way: `prepareOrChoose`, then the sheet from
 * `chooseSheet` when a workbook has several (the first with data without it). Resolves to null
 * when the user cancels.
 */
export async function prepareFile(
  input: FileInput,
  options: PrepareOptions = {},
): Promise<PreparedFile | null> {
  const { chooseSheet, ...rest } = options;
  const prepared = await prepareOrChoose(input, rest);
  if (prepared.kind !== 'choose-sheet') return prepared;
  let sheet: string | null;
  try {
    sheet = chooseSheet
      ? await chooseSheet(prepared.fileName, prepared.sheets, prepared.suggested)
      : prepared.suggested;
  } catch (e) {
    await prepared.read(null);
    throw e;
  }
  return prepared.read(sheet);
}

/**
 * Everything before DuckDB: works out what the file is, refuses what cannot be loaded, checks
 * memory, decodes text to UTF-8 and checks its layout, or reads the workbook sheet. No engine is
 * needed. A workbook with several sheets and none chosen comes back as a `SheetChoice`: the
 * caller asks the user without holding up the database, and reads the answer.
 */
export async function prepareOrChoose(
  input: FileInput,
  options: Omit<PrepareOptions, 'chooseSheet'> = {},
): Promise<PreparedFile | SheetChoice> {
  const fileName = input.name;
  const size = byteLength(input.data);
  const { format } = await detectFormat(input.data, fileName);
  const hasExtension = /\.[^./\\]+$/.test(fileName);
  const binary = format === 'parquet' || format === 'xlsx' || format === 'xls' || format === 'ods';
  if (hasExtension && !DATA_EXTENSIONS.test(fileName) && !binary) throw unsupported(fileName);
  if (/\.(parquet|pq)$/i.test(fileName) && format !== 'parquet') throw notParquet(fileName);
  const base = { fileName, format, size, warnings: [] as Labels[] };

  if (format === 'csv' || format === 'tsv') {
    const detected = detectEncoding(await readBytes(input.data, 0, HEAD_BYTES));
    const encoding = options.encoding ?? detected.encoding;
    const transcoded = !/^utf-?8$/i.test(encoding);
    const skip = options.skip ?? 0;
    const quote = options.quote ?? '"';
    const preflightOf = (text: string, complete: boolean, delimiter = options.delimiter) =>
      csvPreflight(skipLines(text, skip), fileName, {
        complete,
        quote,
        skipped: skip,
        ...(delimiter ? { delimiter } : {}),
        ...(options.header !== undefined ? { hasHeader: options.header } : {}),
      });
    // The layout first, from the start of the file, so the memory check counts the copy that
    // reading a whitespace-separated file as tab-separated makes.
    const fixed = options.delimiter ?? (format === 'tsv' ? '\t' : undefined);
    const headText = await decodeHead(input.data, encoding);
    let layout: CsvPreflight;
    try {
      layout = preflightOf(headText, size <= HEAD_BYTES, fixed);
    } catch (e) {
      if (!(e instanceof LoadError && e.code === 'too-many-columns') || size <= HEAD_BYTES) throw e;
      // The header runs past the part the sniffers read: count its fields to its end.
      const guessed = sniffDelimiter(skipLines(headText, skip), { complete: false, quote });
      const delimiter = fixed ?? guessed.delimiter;
      const count = await countHeaderFields(input.data, { encoding, delimiter, quote, skip });
      throw tooManyColumns(count, fileName);
    }
    const spaced = layout.guess.delimiter === 'whitespace';
    options.checkMemory?.(estimateMemory(format, size, transcoded || spaced), format, size);
    const { data: utf8, replaced } = await transcodeCsv(input, encoding, options.onProgress);
    const data = spaced
      ? await whitespaceToTabs(utf8, {
          quote,
          onProgress: (done, total) => options.onProgress?.(done / total),
        })
      : utf8;
    const head = new TextDecoder().decode(await readBytes(data, 0, HEAD_BYTES));
    const complete = byteLength(data) <= HEAD_BYTES;
    const preflight = preflightOf(head, complete, layout.guess.delimiter);
    const decimalComma = options.decimalComma ?? false;
    if (decimalComma && preflight.guess.delimiter === ',') throw commaTwice(fileName);
    const warnings = [...preflight.columns.warnings];
    // UTF-8 is handed to DuckDB as it is, and DuckDB reads invalid bytes as "?" without a word:
    // count them in the first part of the file, where the header is.
    const misread = transcoded ? replaced : invalidUtf8(await readBytes(utf8, 0, HEAD_BYTES));
    if (misread > 0) warnings.push(undecodable(fileName, encoding, misread));
    const read: CsvRead = {
      delimiter: preflight.guess.delimiter,
      header: preflight.hasHeader,
      skip,
      decimalComma,
      quote,
    };
    return { ...base, kind: 'csv', data, encoding, detected, preflight, read, warnings };
  }

  options.checkMemory?.(estimateMemory(format, size), format, size);
  if (format === 'parquet' || format === 'json' || format === 'ndjson') {
    return { ...base, kind: format === 'parquet' ? 'parquet' : 'json', data: input.data };
  }
  const workbook = await openWorkbookReader(input.data, fileName, (f) => options.onProgress?.(f));
  const read = async (sheet: string | null): Promise<PreparedSheet | null> => {
    try {
      if (sheet === null) return null;
      const table = await workbook.read(sheet);
      if (table.rowCount === 0) throw noRows(fileName, sheet);
      return {
        ...base,
        kind: 'sheet',
        sheet,
        sheets: workbook.sheets,
        table,
        warnings: table.warnings,
      };
    } finally {
      workbook.close();
    }
  };
  const withData = workbook.sheets.filter((s) => s.rows > 0);
  if (withData.length === 0) {
    workbook.close();
    throw noRows(fileName, null);
  }
  const suggested = withData[0]!.name;
  if (options.sheet === undefined && withData.length > 1) {
    return { kind: 'choose-sheet', fileName, sheets: workbook.sheets, suggested, read };
  }
  return (await read(options.sheet ?? suggested))!;
}

/** The start of the file as text, for sniffing; an unknown encoding is reported by transcoding. */
async function decodeHead(data: File | Uint8Array, encoding: string): Promise<string> {
  const head = await readBytes(data, 0, HEAD_BYTES);
  try {
    return new TextDecoder(encoding).decode(head, { stream: true });
  } catch {
    return new TextDecoder().decode(head, { stream: true });
  }
}

function invalidUtf8(head: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(head, { stream: true });
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

async function transcodeCsv(
  input: FileInput,
  encoding: string,
  onProgress?: (fraction: number) => void,
): Promise<{ data: File | Uint8Array; replaced: number }> {
  const progress = { onProgress: (done: number, total: number) => onProgress?.(done / total) };
  if (input.data instanceof Uint8Array) {
    return transcodeToUtf8(input.data, encoding, { fileName: input.name, ...progress });
  }
  return transcodeToUtf8(input.data, encoding, progress);
}

function unsupported(fileName: string): LoadError {
  return new LoadError({
    code: 'unsupported',
    file: fileName,
    messages: {
      en: `"${fileName}" is not a kind of file SegLab reads.`,
      zh: `SegLab 无法读取“${fileName}”这类文件。`,
    },
    hint: {
      en: 'Load a CSV/TSV/TXT, Excel (.xlsx, .xls), Parquet or JSON file.',
      zh: '请加载 CSV/TSV/TXT、Excel (.xlsx、.xls)、Parquet 或 JSON 文件。',
    },
  });
}

function notParquet(fileName: string): LoadError {
  return new LoadError({
    code: 'parquet-unreadable',
    file: fileName,
    messages: {
      en: `"${fileName}" is named .parquet but is not a Parquet file.`,
      zh: `“${fileName}”的扩展名是 .parquet，但并不是 Parquet 文件。`,
    },
    hint: {
      en: 'Write the Parquet file again, or load the original CSV or Excel export instead.',
      zh: '请重新生成 Parquet 文件，或改为加载原始的 CSV 或 Excel 导出文件。',
    },
  });
}

function commaTwice(fileName: string): LoadError {
  return new LoadError({
    code: 'csv-layout',
    file: fileName,
    messages: {
      en: `"${fileName}": the comma cannot both separate values and be the decimal separator.`,
      zh: `“${fileName}”：逗号不能既作分隔符又作小数点。`,
    },
    hint: {
      en: 'In Read options, choose the delimiter the file uses (usually semicolon), or turn off decimal comma.',
      zh: '请在“读取选项”中选择文件实际使用的分隔符（通常是分号），或关闭“小数逗号”。',
    },
  });
}

function noRows(fileName: string, sheet: string | null): LoadError {
  const where =
    sheet === null ? { en: '', zh: '' } : { en: `, sheet "${sheet}",`, zh: `的工作表“${sheet}”` };
  return new LoadError({
    code: 'no-rows',
    file: fileName,
    messages: {
      en: `"${fileName}"${where.en} has no data rows.`,
      zh: `“${fileName}”${where.zh}没有数据行。`,
    },
    hint: {
      en: 'Choose the sheet that holds the data, or export the data again with its rows.',
      zh: '请选择包含数据的工作表，或重新导出包含数据行的文件。',
    },
  });
}

function undecodable(fileName: string, encoding: string, count: number): Labels {
  return {
    en: `"${fileName}": ${count} character(s) could not be read as ${encoding} and show as �. Pick another encoding if the text looks wrong.`,
    zh: `“${fileName}”：有 ${count} 个字符无法按 ${encoding} 读取，显示为 �。如文字错乱，请换一种编码。`,
  };
}
