/**
 * A row of src/sql/quadrant-density.ts `quadrantCellsSql`: one segment in one quadrant in one
 * bin of the value × loyalty grid (no bin for a customer with a missing measure).
 */
export interface QuadrantCell {
  bin_x: number | null;
  bin_y: number | null;
  /** The bin's centre (in the binning scale, shown in data units) and edges in data units. */
  value: number | null;
  loyalty: number | null;
  value_lo: number | null;
  value_hi: number | null;
  loyalty_lo: number | null;
  loyalty_hi: number | null;
  segment: string;
  /** Strictly above the threshold; a missing measure counts as low. */
  high_value: boolean;
  high_loyalty: boolean;
  customers: number;
  /** The customers' `monetary` added up (a missing one counts 0). */
  revenue: number;
  value_threshold: number | null;
  loyalty_threshold: number | null;
}

/** A density bin, in the shape of a drawn customer so that one chart spec reads either. */
export interface QuadrantBin {
  kind: 'bin';
  customer_id: null;
  /** The bin's most common segment (ties: first by name). */
  segment: string;
  /** The bin's centre and edges, in data units. */
  value: number;
  loyalty: number;
  value_lo: number;
  value_hi: number;
  loyalty_lo: number;
  loyalty_hi: number;
  customers: number;
  /** Share of the bin's customers in its `segment`. */
  segment_share: number;
}

/** One segment in one quadrant, with its shares of all customers and all revenue. */
export interface QuadrantTotal {
  segment: string;
  high_value: boolean;
  high_loyalty: boolean;
  customers: number;
  customer_share: number;
  revenue: number;
  /** NULL when there is no revenue at all. */
  revenue_share: number | null;
}

/** Customers with both measures, who are drawn (as points, or in the bins). */
export function drawnCustomers(cells: readonly QuadrantCell[]): number {
  return cells.reduce((n, c) => (c.bin_x === null ? n : n + c.customers), 0);
}

/**
 * The chart's bins: the cells of each bin added up over segments and quadrants, named after
 * their most common segment. Ordered by bin.
 */
export function quadrantBins(cells: readonly QuadrantCell[]): QuadrantBin[] {
  const bins = new Map<string, { first: QuadrantCell; members: Map<string, number> }>();
  for (const c of cells) {
    if (c.bin_x === null || c.bin_y === null) continue;
    const key = `${c.bin_x},${c.bin_y}`;
    let bin = bins.get(key);
    if (!bin) bins.set(key, (bin = { first: c, members: new Map() }));
    bin.members.set(c.segment, (bin.members.get(c.segment) ?? 0) + c.customers);
  }
  return [...bins.values()]
    .sort((a, b) => a.first.bin_x! - b.first.bin_x! || a.first.bin_y! - b.first.bin_y!)
    .map(({ first, members }) => {
      let top = '';
      let most = -1;
      let customers = 0;
      for (const [segment, n] of members) {
        customers += n;
        if (n > most || (n === most && segment < top)) [top, most] = [segment, n];
      }
      return {
        kind: 'bin',
        customer_id: null,
        segment: top,
        value: first.value!,
        loyalty: first.loyalty!,
        value_lo: first.value_lo!,
        value_hi: first.value_hi!,
        loyalty_lo: first.loyalty_lo!,
        loyalty_hi: first.loyalty_hi!,
        customers,
        segment_share: most / customers,
      };
    });
}

/**
 * Customers and revenue per segment and quadrant, every customer counted (drawn or not), with
 * shares. Ordered high value first, then high loyalty first, then by segment.
 */
export function quadrantTotals(cells: readonly QuadrantCell[]): QuadrantTotal[] {
  const groups = new Map<string, QuadrantTotal>();
  let customers = 0;
  let revenue = 0;
  for (const c of cells) {
    customers += c.customers;
    revenue += c.revenue;
    const key = JSON.stringify([c.segment, c.high_value, c.high_loyalty]);
    const g = groups.get(key);
    if (g) {
      g.customers += c.customers;
      g.revenue += c.revenue;
    } else {
      groups.set(key, {
        segment: c.segment,
        high_value: c.high_value,
        high_loyalty: c.high_loyalty,
        customers: c.customers,
        customer_share: 0,
        revenue: c.revenue,
        revenue_share: null,
      });
    }
  }
  const rank = (t: QuadrantTotal) => (t.high_value ? 0 : 2) + (t.high_loyalty ? 0 : 1);
  return [...groups.values()]
    .map((g) => ({
      ...g,
      customer_share: g.customers / customers,
      revenue_share: revenue === 0 ? null : g.revenue / revenue,
    }))
    .sort(
      (a, b) => rank(a) - rank(b) || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0),
    );
}
