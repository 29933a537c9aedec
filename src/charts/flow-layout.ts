import { LocalizedError } from '../domain/localized-error';
import { orderSegments } from '../model/segment-order';
import { isoDay } from './iso-day';

/** A transition row (src/sql/migration.ts `transitionsSql`). */
export interface FlowInput {
  from_date?: Date | string;
  to_date?: Date | string;
  from_segment: string;
  to_segment: string;
  is_new?: boolean;
  is_left?: boolean;
  customers: number;
  row_share?: number;
  revenue_at_stake?: number;
}

/** A segment at one date: a bar from y0 to y1 (in customers, gaps included). */
export interface FlowNode {
  column: number;
  date: string;
  segment: string;
  /** "New" or "Left": not a segment, drawn in grey. */
  neutral: boolean;
  customers: number;
  y0: number;
  y1: number;
}

/** Customers moving from a node in `column` to a node in `column + 1`. */
export interface FlowRibbon extends FlowInput {
  id: number;
  column: number;
  /** Edges at the source node and at the target node. */
  y0s: number;
  y1s: number;
  y0t: number;
  y1t: number;
}

export interface FlowLayout {
  /** The date of each column, e.g. ['2024-01-01', '2024-04-01', '2024-07-01']. */
  columns: string[];
  nodes: FlowNode[];
  ribbons: FlowRibbon[];
  /** The tallest column, gaps included. */
  height: number;
}

/** Segments in the preset's order (model/segment-order.ts), then new customers, then gone. */
function order(
  labels: Iterable<string>,
  segments: string[],
  fresh: Set<string>,
  gone: Set<string>,
): string[] {
  const present = [...new Set(labels)];
  const known = present.filter((s) => !fresh.has(s) && !gone.has(s));
  return [
    ...orderSegments(known, segments),
    ...present.filter((s) => fresh.has(s) && !gone.has(s)),
    ...present.filter((s) => gone.has(s)),
  ];
}

function sumBy(rows: FlowInput[], key: 'from_segment' | 'to_segment'): Map<string, number> {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r[key], (sums.get(r[key]) ?? 0) + r.customers);
  return sums;
}

/**
 * Lays out a Sankey of segment migrations: one column per date, a node per segment sized by
 * its customers (the larger of those arriving and leaving), stacked top-down in segment
 * order, then labels that are not segments, then "New", then "Left", with gaps of `gapShare` of the tallest column between nodes;
 * ribbons leave a node in the order of their targets and arrive in the order of their
 * sources, so they cross as little as this simple ordering allows. Empty flows are skipped.
 */
export function flowLayout(rows: FlowInput[], segments: string[], gapShare = 0.04): FlowLayout {
  const flows = rows.filter((r) => r.customers > 0);
  const periods = [...new Set(flows.map((r) => `${isoDay(r.from_date)}|${isoDay(r.to_date)}`))]
    .sort()
    .map((p) => p.split('|') as [string, string]);
  for (let p = 1; p < periods.length; p++) {
    if (periods[p]![0] !== periods[p - 1]![1]) {
      throw new LocalizedError({
        en: `Transitions must chain date to date; ${periods[p - 1]![1]} is followed by ${periods[p]![0]}.`,
        zh: `迁移数据的日期须首尾相接：${periods[p - 1]![1]} 之后是 ${periods[p]![0]}。`,
      });
    }
  }
  const periodOf = (r: FlowInput) =>
    periods.findIndex(([f, t]) => f === isoDay(r.from_date) && t === isoDay(r.to_date));
  const columns = periods.length === 0 ? [] : [...periods.map(([f]) => f), periods.at(-1)![1]];
  const fresh = new Set(flows.filter((r) => r.is_new).map((r) => r.from_segment));
  const gone = new Set(flows.filter((r) => r.is_left).map((r) => r.to_segment));
  const byPeriod = periods.map((_, p) => flows.filter((r) => periodOf(r) === p));

  const sizes = columns.map((_, c) => {
    const out = c < periods.length ? sumBy(byPeriod[c]!, 'from_segment') : new Map();
    const into = c > 0 ? sumBy(byPeriod[c - 1]!, 'to_segment') : new Map();
    const labels = order([...out.keys(), ...into.keys()], segments, fresh, gone);
    return labels.map((s) => ({ s, n: Math.max(out.get(s) ?? 0, into.get(s) ?? 0) }));
  });
  const tallest = Math.max(0, ...sizes.map((col) => col.reduce((a, x) => a + x.n, 0)));
  const gap = tallest * gapShare;
  const nodes: FlowNode[] = [];
  sizes.forEach((col, c) => {
    let y = 0;
    for (const { s, n } of col) {
      const neutralNode = fresh.has(s) || gone.has(s);
      nodes.push({
        column: c,
        date: columns[c]!,
        segment: s,
        neutral: neutralNode,
        customers: n,
        y0: y,
        y1: y + n,
      });
      y += n + gap;
    }
  });
  const height = Math.max(0, ...nodes.map((n) => n.y1));
  const node = (c: number, s: string) => nodes.find((n) => n.column === c && n.segment === s)!;

  const ribbons: FlowRibbon[] = [];
  byPeriod.forEach((periodRows, c) => {
    const sourceOrder = sizes[c]!.map((x) => x.s);
    const targetOrder = sizes[c + 1]!.map((x) => x.s);
    const leaving = new Map<string, number>();
    const arriving = new Map<string, number>();
    const bySource = [...periodRows].sort(
      (a, b) =>
        sourceOrder.indexOf(a.from_segment) - sourceOrder.indexOf(b.from_segment) ||
        targetOrder.indexOf(a.to_segment) - targetOrder.indexOf(b.to_segment),
    );
    const starts = new Map<FlowInput, number>();
    for (const r of bySource) {
      const at = node(c, r.from_segment).y0 + (leaving.get(r.from_segment) ?? 0);
      starts.set(r, at);
      leaving.set(r.from_segment, (leaving.get(r.from_segment) ?? 0) + r.customers);
    }
    const byTarget = [...periodRows].sort(
      (a, b) =>
        targetOrder.indexOf(a.to_segment) - targetOrder.indexOf(b.to_segment) ||
        sourceOrder.indexOf(a.from_segment) - sourceOrder.indexOf(b.from_segment),
    );
    for (const r of byTarget) {
      const at = node(c + 1, r.to_segment).y0 + (arriving.get(r.to_segment) ?? 0);
      arriving.set(r.to_segment, (arriving.get(r.to_segment) ?? 0) + r.customers);
      const s = starts.get(r)!;
      ribbons.push({
        ...r,
        id: 0,
        column: c,
        y0s: s,
        y1s: s + r.customers,
        y0t: at,
        y1t: at + r.customers,
      });
    }
  });
  ribbons.sort((a, b) => a.column - b.column || a.y0s - b.y0s);
  ribbons.forEach((r, i) => (r.id = i));
  return { columns, nodes, ribbons, height };
}
