/**
 * Identifier columns (invoice numbers, stock codes, phone numbers) are never amounts, however
 * numeric their values look: converting 发票号 to numbers would blank every cancellation number
 * (C536379), and summing them is meaningless.
 */

/** Words that make an English header an identifier, wherever they stand in it. */
const ID_WORDS = new Set([
  'id',
  'ids',
  'code',
  'sku',
  'ean',
  'upc',
  'barcode',
  'phone',
  'mobile',
  'tel',
  'zip',
  'postcode',
  'uuid',
  'guid',
]);
/** Words that make it one unless "of" follows: "Invoice No", but not "Number of CDs". */
const NUMBER_WORDS = new Set(['no', 'nr', 'num', 'number']);
/** Headers written as one word: "invoiceno", "stockcode", "customerid" (but not "paid"). */
const RUN_ON = /(code|number|(?<!pa)id|no|nr)$/;
/** Chinese: 编号, 编码, 单号, 代码, and anything with 号 (发票号, 货号, 手机号, 号码). */
const CHINESE = /号|编码|代码|电话|手机|邮编/;

/** The header's words: "InvoiceNo" -> invoice, no; "number_of_cds" -> number, of, cds. */
function wordsOf(header: string): string[] {
  return header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether a header names an identifier, in English or Chinese. */
export function isIdLikeName(header: string): boolean {
  if (CHINESE.test(header)) return true;
  const words = wordsOf(header);
  if (words.some((w) => ID_WORDS.has(w))) return true;
  if (words.some((w, i) => NUMBER_WORDS.has(w) && words[i + 1] !== 'of')) return true;
  return words.length === 1 && RUN_ON.test(words[0]!);
}

/** Currency codes written before or after a number are money, not a code. */
const CURRENCY = /^(RMB|CNY|USD|EUR|GBP|HKD|JPY)|(RMB|CNY|USD|EUR|GBP|HKD|JPY)$/i;
/** A letter-prefixed or -suffixed code: C536379, INV-0042, 85123A. */
const CODE = /^[A-Za-z]{1,4}[-_]?[0-9]{3,}$|^[0-9]{3,}[A-Za-z]{1,2}$/;

/** Whether a value is a code with letters in it rather than a number. */
export function isCodeValue(value: string): boolean {
  const v = value.trim();
  return CODE.test(v) && !CURRENCY.test(v);
}

/** Zero-padded numbers (00001) are codes: as numbers they would lose their zeros. */
const ZERO_PADDED = /^0\d+$/;

/**
 * Whether a column is an identifier: by its header, by codes among its sampled values, or when
 * half of them are zero-padded.
 */
export function isIdLikeColumn(header: string, samples: readonly string[] = []): boolean {
  if (isIdLikeName(header) || samples.some(isCodeValue)) return true;
  const values = samples.map((v) => v.trim()).filter(Boolean);
  return values.length > 0 && values.filter((v) => ZERO_PADDED.test(v)).length * 2 >= values.length;
}
