import type { Labels } from '../domain/labels';

/** The encodings SegLab recognises on its own; the user may pick any other TextDecoder label. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

export interface EncodingGuess {
  encoding: TextEncodingName;
  /** Length of the byte-order mark the file starts with, 0 if none. */
  bom: number;
  confidence: 'high' | 'medium' | 'low';
  reason: Labels;
}

const NUL_SAMPLE = 8192;

/**
 * Guesses the text encoding of a file from its first bytes (pass `HEAD_BYTES` or so). A sample that
 * ends inside a multi-byte character is fine.
 */
export function detectEncoding(sample: Uint8Array): EncodingGuess {
  const [a, b, c] = sample;
  if (a === 0xef && b === 0xbb && c === 0xbf) {
    return guess('utf-8', 3, 'high', 'a UTF-8 byte-order mark', 'UTF-8 字节顺序标记 (BOM)');
  }
  if (a === 0xff && b === 0xfe) {
    return guess('utf-16le', 2, 'high', 'a UTF-16 LE byte-order mark', 'UTF-16 LE 字节顺序标记');
  }
  if (a === 0xfe && b === 0xff) {
    return guess('utf-16be', 2, 'high', 'a UTF-16 BE byte-order mark', 'UTF-16 BE 字节顺序标记');
  }
  const utf16 = utf16ByNulPattern(sample);
  if (utf16) {
    return guess(utf16, 0, 'medium', 'every other byte being zero', '每隔一个字节为零');
  }
  if (decodes('utf-8', sample)) {
    return sample.some((x) => x >= 0x80)
      ? guess('utf-8', 0, 'high', 'valid UTF-8 text', '内容是有效的 UTF-8')
      : guess(
          'utf-8',
          0,
          'high',
          'plain ASCII text (read as UTF-8)',
          '纯 ASCII 文本（按 UTF-8 读取）',
        );
  }
  if (decodes('gb18030', sample)) {
    const share = commonHanziShare(sample);
    if (share.pairs > 0 && share.common / share.pairs >= 0.8) {
      return guess(
        'gb18030',
        0,
        share.pairs >= 4 ? 'high' : 'medium',
        'Chinese characters in GBK/GB18030 (as Excel saves on Chinese Windows)',
        'GBK/GB18030 编码的中文（中文版 Windows 上 Excel 的默认保存方式）',
      );
    }
  }
  return guess(
    'windows-1252',
    0,
    'low',
    'not UTF-8 and not Chinese GBK; read as Western (Windows-1252). Pick another encoding if the text looks wrong',
    '既不是 UTF-8 也不是 GBK，按西欧编码 (Windows-1252) 读取；如果文字显示错乱，请手动选择编码',
  );
}

function guess(
  encoding: TextEncodingName,
  bom: number,
  confidence: EncodingGuess['confidence'],
  en: string,
  zh: string,
): EncodingGuess {
  return {
    encoding,
    bom,
    confidence,
    reason: { en: `Detected ${encoding}: ${en}.`, zh: `识别为 ${encoding}：${zh}。` },
  };
}

function decodes(label: string, sample: Uint8Array): boolean {
  try {
    // stream: a character cut off at the end of the sample is not an error.
    new TextDecoder(label, { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** ASCII-heavy text in UTF-16 has a zero in every other byte: odd bytes for LE, even for BE. */
function utf16ByNulPattern(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(sample.length, NUL_SAMPLE) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd / pairs > 0.2 && even / pairs < 0.02) return 'utf-16le';
  if (even / pairs > 0.2 && odd / pairs < 0.02) return 'utf-16be';
  return null;
}

/**
 * Western text misread as GBK pairs an accented letter with a following ASCII letter; real Chinese
 * text almost only uses the GB2312 block, where both bytes are 0xA1 or above.
 */
function commonHanziShare(sample: Uint8Array): { pairs: number; common: number } {
  let pairs = 0;
  let common = 0;
  let i = 0;
  while (i < sample.length) {
    const lead = sample[i]!;
    const next = sample[i + 1] ?? 0;
    if (lead < 0x81 || lead === 0xff) {
      if (lead >= 0x80) pairs++;
      i++;
    } else if (next >= 0x30 && next <= 0x39) {
      pairs++;
      common++;
      i += 4;
    } else {
      pairs++;
      if (lead >= 0xa1 && lead <= 0xf7 && next >= 0xa1) common++;
      i += 2;
    }
  }
  return { pairs, common };
}
