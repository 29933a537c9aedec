import { detectEncoding } from './detect-encoding';
import { LoadError, type LoadErrorCode } from './load-error';
import { byteLength, readBytes, type ByteSource } from './read-bytes';
import { zipEntryNames } from './zip-entry-names';

/** The formats SegLab can load, and so the reader the app should hand the file to. */
export type SniffedFormat = 'csv' | 'tsv' | 'parquet' | 'xlsx' | 'xls' | 'ods' | 'json' | 'ndjson';

export interface DetectedFormat {
  format: SniffedFormat;
}

const SNIFF_BYTES = 64 * 1024;
const MAX_CONTROL_SHARE = 0.05;

const MAGIC: { bytes: (number | null)[]; kind: 'pdf' | 'image' | 'archive'; what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: 'pdf', what: 'PDF' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'image', what: 'PNG' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'image', what: 'JPEG' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'image', what: 'GIF' },
  {
    bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50],
    kind: 'image',
    what: 'WebP',
  },
  { bytes: [0x49, 0x49, 0x2a, 0x00], kind: 'image', what: 'TIFF' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], kind: 'image', what: 'TIFF' },
  { bytes: [0x1f, 0x8b], kind: 'archive', what: 'gzip' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: 'archive', what: '7-Zip' },
  { bytes: [0x52, 0x61, 0x72, 0x21], kind: 'archive', what: 'RAR' },
];
const PARQUET = [0x50, 0x41, 0x52, 0x31];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Works out what a file really is from its first bytes (and, for ZIPs, its list of entries);
 * the name only breaks ties. Throws a LoadError for files SegLab cannot read.
 */
export async function detectFormat(file: ByteSource, fileName: string): Promise<DetectedFormat> {
  const size = byteLength(file);
  if (size === 0) throw empty(fileName);
  const head = await readBytes(file, 0, SNIFF_BYTES);

  if (startsWith(head, PARQUET)) return { format: 'parquet' };
  if (startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP)) {
    return { format: zipFormat(await zipEntryNames(file), fileName) };
  }
  if (startsWith(head, OLE)) return { format: 'xls' };
  const magic = MAGIC.find((m) => startsWith(head, m.bytes));
  if (magic) throw refusedBinary(magic.kind, magic.what, fileName);

  const encoding = detectEncoding(head);
  const text = new TextDecoder(encoding.encoding).decode(head);
  if (text.trim() === '' && size <= head.length) throw empty(fileName);
  if (looksBinary(head, text, encoding.encoding.startsWith('utf-16'))) {
    throw refuse(
      'binary',
      fileName,
      'is not a text file (it contains binary data)',
      '不是文本文件（含有二进制数据）',
      {
        en: 'Export the data again as CSV or Excel (.xlsx) and load that file.',
        zh: '请重新导出为 CSV 或 Excel (.xlsx) 文件后再加载。',
      },
    );
  }
  return { format: textFormat(text.trimStart(), fileName) };
}

function textFormat(text: string, fileName: string): SniffedFormat {
  const lower = text.slice(0, 2048).toLowerCase();
  const name = fileName.toLowerCase();
  if (lower.startsWith('<?xml')) {
    if (lower.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'xls';
    throw refuse('unsupported', fileName, 'is an XML file', '是 XML 文件', saveAsCsv);
  }
  if (/^<!doctype html|^<html|<html[\s>]|<body[\s>]|<head[\s>]/.test(lower)) {
    // Many Chinese ERP systems export an HTML table named .xls; SheetJS reads those.
    if (/\.xlsx?$/.test(name) && lower.includes('<table')) return 'xls';
    throw refuse(
      'html',
      fileName,
      'is a web page (HTML), not a data file',
      '是网页 (HTML)，不是数据文件',
      {
        en: 'It may be a login or error page saved instead of the export. Download the export again, or open it in Excel and save as CSV.',
        zh: '可能是登录页或错误页被误存成了导出文件。请重新下载导出文件，或用 Excel 打开后另存为 CSV。',
      },
    );
  }
  if (lower.startsWith('{\\rtf')) {
    throw refuse(
      'unsupported',
      fileName,
      'is a rich-text (RTF) document',
      '是 RTF 文档',
      saveAsCsv,
    );
  }
  if (lower.startsWith('[')) return 'json';
  if (lower.startsWith('{')) return isNdjson(text, name) ? 'ndjson' : 'json';
  return name.endsWith('.tsv') || name.endsWith('.tab') ? 'tsv' : 'csv';
}

function isNdjson(text: string, name: string): boolean {
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return true;
  const lines = text.split('\n', 3);
  if (lines.length < 2 || !lines[1]?.trimStart().startsWith('{')) return false;
  try {
    JSON.parse(lines[0]!);
    return true;
  } catch {
    return false;
  }
}

function zipFormat(names: string[], fileName: string): SniffedFormat {
  if (names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('xl/'))) {
    return 'xlsx';
  }
  if (names.includes('content.xml') && names.includes('mimetype')) return 'ods';
  const what = names.some((n) => n.startsWith('word/'))
    ? { en: 'a Word document', zh: 'Word 文档' }
    : names.some((n) => n.startsWith('ppt/'))
      ? { en: 'a PowerPoint file', zh: 'PowerPoint 文件' }
      : {
          en: `a ZIP archive of ${names.length} file(s)`,
          zh: `包含 ${names.length} 个文件的 ZIP 压缩包`,
        };
  const inside = names.filter((n) => /\.(csv|tsv|txt|xlsx?|parquet)$/i.test(n)).slice(0, 3);
  const listed = inside.length > 0 ? ` (${inside.join(', ')})` : '';
  throw refuse(
    'zip-not-workbook',
    fileName,
    `is ${what.en}, not an Excel workbook`,
    `是${what.zh}，不是 Excel 工作簿`,
    {
      en: `Unzip it and load the CSV or Excel file inside${listed}.`,
      zh: `请先解压，再加载其中的 CSV 或 Excel 文件${listed}。`,
    },
  );
}

function looksBinary(head: Uint8Array, text: string, utf16: boolean): boolean {
  if (!utf16 && head.includes(0)) return true;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0xfffd
    ) {
      control++;
    }
  }
  return control / Math.max(1, text.length) > MAX_CONTROL_SHARE;
}

function startsWith(head: Uint8Array, bytes: (number | null)[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => b === null || head[i] === b);
}

const saveAsCsv = {
  en: 'Open it in the program that made it and save or export it as CSV or Excel (.xlsx).',
  zh: '请用生成它的软件打开，另存或导出为 CSV 或 Excel (.xlsx) 文件。',
};

function empty(fileName: string): LoadError {
  return refuse('empty', fileName, 'is empty (no data at all)', '是空文件（没有任何数据）', {
    en: 'Check that the export finished, then export the data again.',
    zh: '请确认导出已完成，然后重新导出数据。',
  });
}

function refusedBinary(
  kind: 'pdf' | 'image' | 'archive',
  what: string,
  fileName: string,
): LoadError {
  if (kind === 'archive') {
    return refuse('archive', fileName, `is a compressed ${what} archive`, `是 ${what} 压缩文件`, {
      en: 'Extract it first, then load the CSV or Excel file inside.',
      zh: '请先解压，再加载其中的 CSV 或 Excel 文件。',
    });
  }
  const zhWhat = kind === 'pdf' ? 'PDF 文档' : `${what} 图片`;
  const enWhat = kind === 'pdf' ? 'a PDF document' : `a ${what} image`;
  return refuse(kind, fileName, `is ${enWhat}, not a data table`, `是${zhWhat}，不是数据表`, {
    en: 'Load the original spreadsheet or a CSV export instead; tables inside PDFs and pictures cannot be read.',
    zh: '请改为加载原始表格或导出的 CSV；无法读取 PDF 或图片里的表格。',
  });
}

function refuse(
  code: LoadErrorCode,
  file: string,
  en: string,
  zh: string,
  hint: LoadError['hint'],
): LoadError {
  return new LoadError({
    code,
    file,
    messages: { en: `"${file}" ${en}.`, zh: `“${file}”${zh}。` },
    hint,
  });
}
