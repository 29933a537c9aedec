import * as aq from 'arquero';

/** One purchase line as the oracle reads it: no app code decides any of these values. */
export interface OracleLine {
  customer: string;
  /** The order it belongs to: lines of one order count as one purchase. */
  order: string;
  /** YYYY-MM-DD. */
  day: string;
  amount: number;
}

export interface CustomerTotals {
  frequency: number;
  monetary: number;
  lastDay: string;
}

/**
 * Per customer: orders (distinct order ids), spend and last purchase day, over the lines before
 * `asOf`, computed with Arquero: an implementation that shares nothing with the app's SQL.
 */
export function customerTotals(lines: OracleLine[], asOf: string): Map<string, CustomerTotals> {
  const before = lines.filter((l) => l.customer !== '' && l.day < asOf);
  const table = aq
    .from(before)
    .groupby('customer')
    .rollup({
      frequency: (d: OracleLine) => aq.op.distinct(d.order),
      monetary: (d: OracleLine) => aq.op.sum(d.amount),
      lastDay: (d: OracleLine) => aq.op.max(d.day),
    });
  const out = new Map<string, CustomerTotals>();
  for (const row of table.objects() as (CustomerTotals & { customer: string })[]) {
    out.set(row.customer, {
      frequency: row.frequency,
      monetary: row.monetary,
      lastDay: row.lastDay,
    });
  }
  return out;
}

/** The default analysis date: the day after the last purchase day. */
export function dayAfterLast(lines: OracleLine[]): string {
  const last = lines.reduce((max, l) => (l.day > max ? l.day : max), '');
  return new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Rows of a CSV the app exported, as text (Arquero's parser, no type guessing). */
export function readCsv(text: string): Record<string, string>[] {
  return aq.fromCSV(text.replace(/^\uFEFF/, ''), { autoType: false }).objects() as Record<
    string,
    string
  >[];
}
