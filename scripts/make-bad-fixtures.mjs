// Writes the bad-input corpus in tests/fixtures/bad/ (see the README there). Deterministic: run
// `node scripts/make-bad-fixtures.mjs` and the files come out byte for byte the same.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';
import * as XLSX from '@e965/xlsx';
import { gb18030 } from './gb18030.mjs';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '../tests/fixtures/bad');
mkdirSync(out, { recursive: true });
const write = (name, data) => writeFileSync(path.join(out, name), data);
const utf8 = (text) => new TextEncoder().encode(text);

function utf16le(text, bom) {
  const bytes = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  const view = new DataView(bytes.buffer);
  if (bom) view.setUint16(0, 0xfeff, true);
  for (let i = 0; i < text.length; i++)
    view.setUint16((bom ? 2 : 0) + i * 2, text.charCodeAt(i), true);
  return bytes;
}

function junk(length, seed) {
  const bytes = new Uint8Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}

const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));

function workbook(sheets, bookType) {
  const wb = XLSX.utils.book_new();
  wb.Props = { CreatedDate: FIXED_DATE, ModifiedDate: FIXED_DATE };
  for (const [name, aoa, merges] of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(aoa, { cellDates: true, UTC: true });
    ws['!merges'] = merges;
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  return new Uint8Array(
    XLSX.write(wb, { type: 'array', bookType, cellDates: true, compression: false }),
  );
}

const day = (y, m, d, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));
const range = (r1, c1, r2, c2) => ({ s: { r: r1, c: c1 }, e: { r: r2, c: c2 } });

write('empty.csv', new Uint8Array(0));
write('header-only.csv', utf8('客户ID,订单日期,金额\r\n'));
write(
  'ragged.csv',
  utf8(
    'id,name,amount\n1,Alice,10\n2,Bob,20\n3,Carol\n4,Dan,40\n5,Eve,50,extra\n6,Fay,60\n7,Gus,70\n',
  ),
);
write('binary-junk.csv', junk(4096, 20240101));
write(
  'gbk-declared-utf8.csv',
  gb18030(
    '客户ID,订单日期,金额\r\nC001,2024/1/5,"￥1,234.50"\r\nC002,2024/1/6,88\r\nC003,2024年1月7日,(12.50)\r\nC004,2024/1/8,0\r\n',
  ),
);
const wide = Array.from({ length: 10000 }, (_, i) => i + 1);
write(
  'wide-10000-cols.csv',
  utf8([wide.map((i) => `c${i}`), wide, wide, wide].map((r) => r.join(',')).join('\n') + '\n'),
);
write('one-mb-line.csv', utf8(`id,note\n1,${'abcdefghij'.repeat(100_000)}\n2,short\n`));
write(
  'html-page.csv',
  utf8(
    '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>登录 - 订单系统</title></head>\n<body><form action="/login"><input name="user"><input name="password" type="password"></form></body></html>\n',
  ),
);
write(
  'merged-header.xlsx',
  workbook(
    [
      [
        '订单',
        [
          ['2024年一季度销售报表'],
          ['导出时间：2024-04-01'],
          [],
          ['客户ID', '订单日期', '销售额', null, null, '备注', '客户ID'],
          ['C001', day(2024, 1, 5), 100.5, 20, null, 'VIP', 'x1'],
          ['C002', day(2024, 1, 6, 10, 30), null, 30, null, null, 'x2'],
          [],
          ['C003', day(2024, 2, 29), 0, -5.25, 'extra', '新客', 'x3'],
        ],
        [range(0, 0, 0, 6), range(3, 2, 3, 3)],
      ],
      ['说明', [['本表由系统导出']], []],
    ],
    'xlsx',
  ),
);
write(
  'two-level-header.xls',
  workbook(
    [
      [
        'Sheet1',
        [
          ['客户销售明细', null, null, null],
          ['客户ID', '订单日期', '销售额', null],
          [null, null, '线上', '线下'],
          ['C001', day(2024, 3, 1), 10, 5],
          ['C002', day(2024, 3, 2), 0, 7.5],
        ],
        [range(0, 0, 0, 3), range(1, 0, 2, 0), range(1, 1, 2, 1), range(1, 2, 1, 3)],
      ],
    ],
    'biff8',
  ),
);
write(
  'html-table.xls',
  utf8(
    '<html><head><meta charset="utf-8"></head><body><table>\n<tr><td>客户ID</td><td>金额</td></tr>\n<tr><td>C001</td><td>12.5</td></tr>\n<tr><td>C002</td><td>30</td></tr>\n</table></body></html>\n',
  ),
);
write(
  'unclosed-quote.csv',
  utf8('id,name,amount\n1,"Smith, J",10\n2,"Lee, K",20\n3,"Unclosed,30\n4,Ok,40\n5,Fine,50\n'),
);
write('duplicate-columns.csv', utf8('id,name,name,,Amount,amount\n1,a,b,c,2,3\n2,d,e,f,4,5\n'));
write(
  'hostile-names.csv',
  utf8('"a ""quoted"" name","""; DROP TABLE x; --",<img src=x onerror=alert(1)>\n1,2,3\n4,5,6\n'),
);
write(
  'zip-renamed.xlsx',
  zipSync(
    { 'readme.txt': strToU8('Orders export'), 'data/orders.csv': strToU8('id,amount\n1,10\n') },
    { mtime: FIXED_DATE },
  ),
);
write('pdf-renamed.csv', utf8('%PDF-1.4\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'));
write(
  'png-renamed.csv',
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...junk(64, 7)]),
);
write(
  'late-bad-value.csv',
  utf8(
    'id,amount\n' +
      Array.from({ length: 3000 }, (_, i) => `${i + 1},${i === 2499 ? 'N/A' : i + 1}`).join('\n') +
      '\n',
  ),
);
write(
  'utf16le-bom.csv',
  utf16le('客户ID,订单日期,金额\r\nC001,2024-01-05,100\r\nC002,2024-01-06,200.5\r\n', true),
);
write('gb18030.csv', gb18030('客户ID,客户名称,金额\r\nC001,𠮷野家,100\r\nC002,张三,200\r\n'));
write(
  'semicolon.csv',
  utf8('id;datum;betrag\n1;13.01.2024;1.234,50\n2;25.01.2024;99,90\n3;05.02.2024;-5\n'),
);
write('pipe.csv', utf8('id|name|amount\n1|Ann|"1,000"\n2|Ben|2500.75\n'));
write('tab.tsv', utf8('id\tname\tamount\n1\tAnn\t10\n2\tBen\t20\n3\tCy\t30\n'));
