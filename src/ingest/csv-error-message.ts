import { MAX_LINE_BYTES } from '../sql/read-csv';
import { LoadError, type LoadErrorCode } from './load-error';

/**
 * Turns an error DuckDB raised while reading a CSV into a message naming the file, the line and
 * column when DuckDB gave them, and what the user can do.
 */
export function describeCsvErrorMessage(error: unknown, fileName: string): LoadError {
  const full = error instanceof Error ? error.message : String(error);
  // DuckDB quotes the offending line, which can be megabytes long: leave it out.
  const text = full
    .split('\n')
    .filter((l) => !l.startsWith('Original Line:'))
    .map((l) => l.slice(0, 500))
    .join('\n');
  const line = Number(/CSV Error on Line: (\d+)/.exec(text)?.[1]) || undefined;
  const column = /column "([^"]*)"/.exec(text)?.[1];
  const at = {
    en: line ? ` on line ${line}${column ? `, column "${column}"` : ''}` : '',
    zh: line ? `第 ${line} 行${column ? `“${column}”列` : ''}` : '',
  };
  const make = (code: LoadErrorCode, en: string, zh: string, hintEn: string, hintZh: string) =>
    new LoadError({
      code,
      file: fileName,
      messages: { en: `"${fileName}"${at.en}: ${en}`, zh: `“${fileName}”${at.zh}：${zh}` },
      hint: { en: hintEn, zh: hintZh },
      ...(line ? { row: line } : {}),
      ...(column ? { column } : {}),
      cause: error,
    });

  if (/Maximum line size/.test(text)) {
    return make(
      'line-too-long',
      `a line is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB.`,
      `有一行超过 ${MAX_LINE_BYTES / 1024 / 1024} MB。`,
      'The file may use a line break SegLab does not recognise, or a quote (") that never closes. Open it in a text editor or Excel and save it again as CSV.',
      '文件可能使用了无法识别的换行符，或有未闭合的引号 (")。请用文本编辑器或 Excel 打开后重新保存为 CSV。',
    );
  }
  if (/unterminated quote/i.test(text)) {
    return make(
      'unclosed-quote',
      'a quote (") opens here and never closes.',
      '此处有一个引号 (") 没有闭合。',
      'Fix the quote in the file (a value containing " must write it as ""), or save the file again from Excel as CSV.',
      '请修正文件中的引号（值里的 " 需写成 ""），或用 Excel 重新另存为 CSV。',
    );
  }
  if (/Invalid unicode|not utf-8 encoded/i.test(text)) {
    return make(
      'encoding',
      'the text is not in the encoding it was read with.',
      '文本编码与读取时使用的编码不一致。',
      'Choose the file encoding by hand (for Chinese Excel files usually GB18030) and load it again.',
      '请手动选择文件编码（中文 Excel 文件通常是 GB18030）后重新加载。',
    );
  }
  const convert = /Could not convert string "([^"]*)" to '([^']+)'/.exec(text);
  if (convert) {
    return make(
      'type-mismatch',
      `the value "${convert[1]}" is not a ${convert[2]}, unlike the values above it.`,
      `值“${convert[1]}”不是 ${convert[2]} 类型，与前面的值不一致。`,
      'Load the column as text, then set how to read it (dates, amounts) in the column settings.',
      '请将该列作为文本加载，再在列设置中指定解析方式（日期、金额）。',
    );
  }
  if (/Expected Number of Columns|sniffing file|dialect/i.test(text)) {
    return make(
      'csv-layout',
      'could not work out the layout (delimiter, quotes, header).',
      '无法识别文件格式（分隔符、引号、表头）。',
      'Choose the delimiter by hand, or open the file in Excel and save it as "CSV UTF-8".',
      '请手动选择分隔符，或用 Excel 打开后另存为“CSV UTF-8”。',
    );
  }
  const first = text.split('\n')[0]?.slice(0, 300) ?? '';
  return make(
    'csv-read',
    `DuckDB could not read it (${first}).`,
    `DuckDB 无法读取（${first}）。`,
    'Check the file opens in Excel; save it again as CSV and load that.',
    '请确认文件能在 Excel 中打开，重新另存为 CSV 后再加载。',
  );
}
