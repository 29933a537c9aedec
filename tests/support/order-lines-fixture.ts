/**
 * A hand-made order-line export in the UCI Online Retail shape: several lines per invoice, no
 * amount column (amount = Quantity × UnitPrice), cancellation invoices prefixed C with negative
 * quantities, a negative quantity without the prefix, missing customer ids, an exact duplicate
 * line, zero quantities and zero prices. Expected numbers in the tests are worked out by hand
 * from these rows (see the comments), never by the app's SQL.
 */
export const ORDER_LINE_HEADER = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
] as const;

type Line = [string, string, string, number, string, number, string | null, string];

/** The lines, numbered as the tests' comments refer to them. */
const LINES = `
 1 536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850,UK
 2 536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,UK
 3 536365,84406B,CREAM CUPID HEARTS,8,2010-12-01 08:26:00,2.75,17850,UK
 4 536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,17850,UK
 5 536366,22632,HAND WARMER RED,6,2010-12-01 08:28:00,1.85,17850,UK
 6 536367,84879,BIRD ORNAMENT,32,2010-12-01 08:34:00,1.69,13047,UK
 7 536367,22745,POPPY HOUSE,6,2010-12-01 08:34:00,2.1,13047,UK
 8 536367,22745,POPPY HOUSE,6,2010-12-01 08:34:00,2.1,13047,UK
 9 536368,22960,JAM MAKING SET,6,2010-12-02 09:00:00,4.25,,UK
10 536368,22913,RED COAT RACK,3,2010-12-02 09:00:00,4.95,,UK
11 536369,21756,BATH BUILDING BLOCK,3,2010-12-02 10:00:00,0,13047,UK
12 C536379,85123A,WHITE HANGING HEART,-2,2010-12-03 09:41:00,2.55,17850,UK
13 C536380,84879,BIRD ORNAMENT,-40,2010-12-03 10:00:00,1.69,13047,UK
14 C536381,22960,JAM MAKING SET,-1,2010-12-03 11:00:00,4.25,,UK
15 536370,22086,PAPER CHAIN KIT,0,2010-12-04 09:00:00,2.95,12583,France
16 536371,22086,PAPER CHAIN KIT,12,2010-12-04 10:00:00,2.95,12583,France
17 C536382,99999,DISCOUNT,-1,2010-12-05 09:00:00,10,12583,France
18 536372,M,Manual,-5,2010-12-05 10:00:00,1,12583,France
19 536373,23166,GIFT TAG,1,2010-12-05 11:00:00,0,12583,France
`;

export const ORDER_LINES: Line[] = LINES.trim()
  .split('\n')
  .map((line) => {
    // "12 C536379,85123A,...": the line number, then the CSV fields.
    const fields = line.trim().replace(/^\d+ /, '').split(',');
    const [id, stock, description, quantity, date, price, customer, country] = fields;
    return [
      id!,
      stock!,
      description!,
      Number(quantity),
      date!,
      Number(price),
      customer || null,
      country!,
    ];
  });

/** The lines as a CSV file, as an ERP would export them (blank customer ids). */
export function orderLinesCsv(): string {
  const rows = ORDER_LINES.map((r) => r.map((v) => (v === null ? '' : String(v))).join(','));
  return [ORDER_LINE_HEADER.join(','), ...rows].join('\n') + '\n';
}

/** CREATE TABLE for the lines, typed as DuckDB's CSV reader types them. */
export function orderLinesTableSql(table: string): string {
  const value = (v: string | number | null) =>
    v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`;
  const rows = ORDER_LINES.map((r) => `(${r.map(value).join(', ')})`).join(',\n  ');
  return `CREATE TABLE "${table}" AS SELECT InvoiceNo, StockCode, Description, CAST(Quantity AS BIGINT) AS Quantity, CAST(InvoiceDate AS TIMESTAMP) AS InvoiceDate, CAST(UnitPrice AS DOUBLE) AS UnitPrice, CustomerID, Country FROM (VALUES\n  ${rows}\n) t(${ORDER_LINE_HEADER.join(', ')})`;
}
