// GB18030 (a superset of GBK) encoding for test fixtures: Node decodes it but cannot encode it.

/** GBK / GB18030 bytes. Node can decode GB18030 but not encode it, so invert the decoder. */
const gbTable = (() => {
  const table = new Map();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return table;
})();

export function gb18030(text) {
  const bytes = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) bytes.push(cp);
    else if (gbTable.has(ch)) bytes.push(...gbTable.get(ch));
    else if (cp >= 0x10000) {
      // Four-byte form: characters beyond the BMP are numbered from 189000 in order.
      let n = cp - 0x10000 + 189000;
      const b4 = n % 10;
      n = Math.floor(n / 10);
      const b3 = n % 126;
      n = Math.floor(n / 126);
      const b2 = n % 10;
      const b1 = Math.floor(n / 10);
      bytes.push(0x81 + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4);
    } else throw new Error(`no GB18030 bytes for ${ch}`);
  }
  const result = new Uint8Array(bytes);
  if (new TextDecoder('gb18030').decode(result) !== text) throw new Error('GB18030 round trip');
  return result;
}
