/** A Vega-Lite spec whose inline data sits in top-level `datasets`, under names. */
export interface NamedDataSpec {
  /** The spec with each `data: { values }` replaced by `data: { name }`. */
  spec: object;
  datasets: Record<string, unknown[]>;
  /**
   * The spec without its data, as text: two specs with the same key draw the same marks from
   * different rows, so a drawn view can take the new rows instead of being built again.
   */
  key: string;
}

/** Prefix of the names given to inline data; Vega-Lite's own start `data_` and `source_`. */
const PREFIX = 'inline_';

function isInlineData(x: unknown): x is { values: unknown[] } {
  return (
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    Array.isArray((x as { values?: unknown }).values) &&
    Object.keys(x).length === 1
  );
}

/**
 * Moves every inline `data: { values }` of a Vega-Lite spec (at the top or in layers, concats
 * and facets) into `datasets`, named in the order they appear. Other data (named, URLs,
 * generators) and Vega specs are left as they are.
 */
export function namedData(spec: object): NamedDataSpec {
  const datasets: Record<string, unknown[]> = {};
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' && isInlineData(v)) {
        const name = `${PREFIX}${Object.keys(datasets).length}`;
        datasets[name] = v.values;
        out[k] = { name };
      } else if (k === 'datasets') {
        out[k] = v; // already named: left whole, and never walked into
      } else {
        out[k] = visit(v);
      }
    }
    return out;
  };
  const shaped = visit(spec) as Record<string, unknown>;
  const key = JSON.stringify(shaped);
  if (Object.keys(datasets).length === 0) return { spec, datasets, key };
  const own = (shaped.datasets ?? {}) as Record<string, unknown[]>;
  return { spec: { ...shaped, datasets: { ...own, ...datasets } }, datasets, key };
}
