// Exports shaped like the ones analysts bring, for the "own exports" end-to-end suite. Each
// function is deterministic (a seeded generator), so the suite can build them at run time and
// compute its expected numbers from the same rows, independently of the app.
import * as XLSX from '@e965/xlsx';
import { gb18030 } from './gb18030.mjs';

/** A seeded uniform generator in [0, 1) (Park–Miller). */
function random(seed) {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

const DAY = 86_400_000;
const pad = (n, w = 2) => String(n).padStart(w, '0');

/**
 * An online-retail order-line export (the UCI Online Retail shape): InvoiceNo, StockCode,
 * Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country, with no amount column.
 * Several lines per invoice; cancellations are invoices prefixed "C" with negative quantities;
 * some invoices have no customer id; some lines are exact duplicates; some prices are zero.
 * Returns the CSV text and the lines as objects.
 */
export function onlineRetail(lines = 100_000) {
  const rand = random(20101201);
  const start = Date.UTC(2010, 11, 1);
  const products = Array.from({ length: 400 }, (_, i) => ({
    code: `${85000 + i}${i % 7 === 0 ? 'A' : ''}`,
    name: `ITEM ${i} ${['MUG', 'CANDLE', 'BAG', 'CARD', 'LANTERN'][i % 5]}`,
    price: Math.round((0.4 + rand() * 12) * 100) / 100,
  }));
  const countries = [
    'United Kingdom',
    'United Kingdom',
    'United Kingdom',
    'France',
    'Germany',
    'EIRE',
  ];
  const rows = [];
  let invoice = 536365;
  while (rows.length < lines) {
    const customer = rand() < 0.06 ? '' : String(12346 + Math.floor(rand() * 2500));
    const when = start + Math.floor(rand() * 373) * DAY + (8 + Math.floor(rand() * 10)) * 3_600_000;
    const d = new Date(when);
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(Math.floor(rand() * 60))}`;
    const country = countries[Math.floor(rand() * countries.length)];
    const cancel = customer !== '' && rand() < 0.02;
    const id = `${cancel ? 'C' : ''}${invoice++}`;
    const n = 1 + Math.floor(rand() * 8);
    for (let i = 0; i < n && rows.length < lines; i++) {
      const p = products[Math.floor(rand() * products.length)];
      const qty = (1 + Math.floor(rand() * 12)) * (cancel ? -1 : 1);
      const price = rand() < 0.003 ? 0 : p.price;
      const row = {
        InvoiceNo: id,
        StockCode: p.code,
        Description: p.name,
        Quantity: qty,
        InvoiceDate: date,
        UnitPrice: price,
        CustomerID: customer,
        Country: country,
      };
      rows.push(row);
      if (rand() < 0.005 && rows.length < lines) rows.push({ ...row });
    }
  }
  const header =
    'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
  const body = rows.map((r) =>
    [
      r.InvoiceNo,
      r.StockCode,
      r.Description,
      r.Quantity,
      r.InvoiceDate,
      r.UnitPrice,
      r.CustomerID,
      r.Country,
    ].join(','),
  );
  return { text: `${header}\r\n${body.join('\r\n')}\r\n`, rows };
}

/**
 * A Chinese shop's order export in GBK: 订单编号, 发票号, 客户编号, 下单时间 (2024/1/5 8:26),
 * 商品编码, 数量, 单价, 实付金额, 省份. One line per order. Returns the GBK bytes and the rows.
 */
export function chineseShop(count = 3000) {
  const rand = random(20240105);
  const provinces = ['广东', '浙江', '江苏', '北京', '上海', '四川', '湖北', '山东'];
  const rows = [];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    const d = new Date(start + Math.floor(rand() * 366) * DAY);
    const time = `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()} ${8 + Math.floor(rand() * 14)}:${pad(Math.floor(rand() * 60))}`;
    const qty = 1 + Math.floor(rand() * 5);
    const price = Math.round((9.9 + rand() * 300) * 10) / 10;
    rows.push({
      订单编号: `SO${pad(100000 + i, 6)}`,
      发票号: `${pad(Math.floor(rand() * 99999999), 8)}`,
      客户编号: `KH${pad(1 + Math.floor(rand() * 600), 5)}`,
      下单时间: time,
      商品编码: `${6900000 + Math.floor(rand() * 500)}`,
      数量: qty,
      单价: price,
      实付金额: Math.round(qty * price * 100) / 100,
      省份: provinces[Math.floor(rand() * provinces.length)],
    });
  }
  const header = Object.keys(rows[0]).join(',');
  const body = rows.map((r) => Object.values(r).join(','));
  return { bytes: gb18030(`${header}\r\n${body.join('\r\n')}\r\n`), rows };
}

/**
 * An .xlsx whose numbers and dates are stored as text (cells of type string, as many ERP exports
 * write them): CustomerID, OrderDate, OrderNo, Quantity, Price, Amount. Returns bytes and rows.
 */
export function textNumbersWorkbook(count = 2000) {
  const rand = random(20230301);
  const rows = [];
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < count; i++) {
    const d = new Date(start + Math.floor(rand() * 500) * DAY);
    const qty = 1 + Math.floor(rand() * 4);
    const price = (Math.round((5 + rand() * 95) * 100) / 100).toFixed(2);
    rows.push({
      CustomerID: `CUST-${pad(1 + Math.floor(rand() * 400), 4)}`,
      OrderDate: d.toISOString().slice(0, 10),
      OrderNo: `SO-${pad(50000 + i, 6)}`,
      Quantity: String(qty),
      Price: price,
      Amount: (Math.round(qty * Number(price) * 100) / 100).toFixed(2),
    });
  }
  const sheet = XLSX.utils.aoa_to_sheet([
    Object.keys(rows[0]),
    ...rows.map((r) => Object.values(r).map((v) => ({ t: 's', v }))),
  ]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Orders');
  const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }));
  return { bytes, rows };
}
