import { unzipSync } from 'fflate';
import { LoadError } from './load-error';
import { formatBytes } from './memory-estimate';

/**
 * Sheet XML a workbook may unpack to. SheetJS holds every cell as an object, several times the
 * XML: a 0.95 MB .xlsx declaring 20M cells (over 300 MB of XML) kept it busy 38 s. 200 MB of
 * XML is about eight million cells.
 */
export const MAX_SHEET_XML = 200 * 1024 ** 2;

/** Sheets, their shared strings and (ODS) the content: what SheetJS inflates and parses. */
const SHEET_PART = /^(xl\/worksheets\/[^/]+\.xml|xl\/sharedStrings\.xml|content\.xml)$/i;

/** Uncompressed bytes of the sheet parts a ZIP workbook declares, or null when it is no ZIP. */
export function declaredSheetBytes(bytes: Uint8Array): number | null {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return null;
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        if (SHEET_PART.test(entry.name)) total += entry.originalSize;
        return false;
      },
    });
  } catch {
    return null; // Not a readable ZIP: SheetJS names the problem.
  }
  return total;
}

/**
 * Throws a `too-big` LoadError, before the workbook is parsed, when its sheets declare more XML
 * than SegLab reads from a workbook; read from the ZIP directory, nothing is inflated.
 */
export function checkWorkbookSize(bytes: Uint8Array, fileName: string): void {
  const xml = declaredSheetBytes(bytes);
  if (xml === null || xml <= MAX_SHEET_XML) return;
  const size = formatBytes(bytes.byteLength);
  const unpacked = formatBytes(xml);
  const limit = formatBytes(MAX_SHEET_XML);
  throw new LoadError({
    code: 'too-big',
    file: fileName,
    messages: {
      en: `"${fileName}" (${size}) unpacks to ${unpacked} of sheet data, more than SegLab reads from a workbook (${limit}).`,
      zh: `“${fileName}”（${size}）解压后有 ${unpacked} 的工作表数据，超过 SegLab 能从工作簿读取的上限（${limit}）。`,
    },
    hint: {
      en: 'Save the sheet as CSV (File > Save As > CSV UTF-8) and load that file: CSV is read without unpacking it in memory. Or delete the empty rows and columns the sheet formats.',
      zh: '请将工作表另存为 CSV（文件 > 另存为 > CSV UTF-8）后加载该文件：CSV 无需在内存中解压即可读取。或删除工作表中带格式的空行和空列。',
    },
  });
}
