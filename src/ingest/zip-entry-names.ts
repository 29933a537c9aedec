import { byteLength, readBytes, type ByteSource } from './read-bytes';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/**
 * The names of the entries in a ZIP archive, read from its central directory at the end of the
 * file, so a large workbook is not read in full. Falls back to the local headers at the start
 * when the end is missing (a truncated download).
 */
export async function zipEntryNames(file: ByteSource): Promise<string[]> {
  const size = byteLength(file);
  const tailStart = Math.max(0, size - EOCD_SIZE - MAX_COMMENT);
  const tail = await readBytes(file, tailStart, size);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
    if (view.getUint32(at, true) !== EOCD) continue;
    const dirSize = view.getUint32(at + 12, true);
    const dirStart = view.getUint32(at + 16, true);
    if (dirStart + dirSize > size) break;
    return centralNames(await readBytes(file, dirStart, dirStart + dirSize));
  }
  return localNames(await readBytes(file, 0, Math.min(size, 1024 * 1024)));
}

function centralNames(dir: Uint8Array): string[] {
  const view = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const names: string[] = [];
  const text = new TextDecoder();
  let at = 0;
  while (at + 46 <= dir.length && view.getUint32(at, true) === CENTRAL) {
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    names.push(text.decode(dir.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function localNames(head: Uint8Array): string[] {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const names: string[] = [];
  const text = new TextDecoder();
  for (let at = 0; at + 30 <= head.length; at++) {
    if (view.getUint32(at, true) !== LOCAL) continue;
    const nameLength = view.getUint16(at + 26, true);
    names.push(text.decode(head.subarray(at + 30, at + 30 + nameLength)));
    at += 29 + nameLength;
  }
  return names;
}
