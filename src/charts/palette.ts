/**
 * Segment colours: the i-th segment of a segmentation (in its preset's order) always gets the
 * i-th colour, so a segment keeps its colour across every chart of a notebook. Grey is kept
 * for the labels that are not segments ("New", "Left", "Other", "Total").
 */
export const SEGMENT_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#499894',
  '#d37295',
  '#8cd17d',
  '#a0cbe8',
  '#ffbe7d',
  '#86bcb6',
  '#d4a6c8',
] as const;

export const NEUTRAL_COLORS = ['#9d9d9d', '#c7c7c7', '#6f6f6f', '#b6b6b6'] as const;

export interface ColorScale {
  domain: string[];
  range: string[];
}

/**
 * The colour scale for `segments` in order (colours repeat after 16), then `neutral` labels in
 * greys. A label listed twice keeps its first colour.
 */
export function segmentColorScale(
  segments: readonly string[],
  neutral: readonly string[] = [],
): ColorScale {
  const domain: string[] = [];
  const range: string[] = [];
  for (const s of segments) {
    if (domain.includes(s)) continue;
    range.push(SEGMENT_COLORS[domain.length % SEGMENT_COLORS.length]!);
    domain.push(s);
  }
  let grey = 0;
  for (const s of neutral) {
    if (domain.includes(s)) continue;
    domain.push(s);
    range.push(NEUTRAL_COLORS[grey++ % NEUTRAL_COLORS.length]!);
  }
  return { domain, range };
}
