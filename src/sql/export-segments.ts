import { LocalizedError } from '../domain/localized-error';
import { ident, num, str } from './quote';
import { relationCte, type Relation } from './relation';

export interface SegmentStrategy {
  /** The segment label exactly as the segmentation writes it. */
  segment: string;
  strategy: string;
}

export interface ExportSegmentsOptions {
  /** The segmentation result: `customer_id`, `segment`, ... */
  segments: Relation;
  /** The per-customer features table or view. */
  features: string;
  strategies: SegmentStrategy[];
  /** Export only this segment. */
  segment?: string;
  /** Features columns to include, in order; all of them when omitted. */
  columns?: string[];
  /** Columns of the segmentation itself to include after the strategy (e.g. RFM scores). */
  resultColumns?: string[];
}

function strategiesCte(strategies: SegmentStrategy[]): string {
  if (strategies.length === 0) {
    return `strategies AS (\n  SELECT NULL::VARCHAR AS segment, NULL::VARCHAR AS strategy, NULL::INTEGER AS ordinal WHERE FALSE\n)`;
  }
  const rows = strategies.map((s, i) => `    (${str(s.segment)}, ${str(s.strategy)}, ${num(i)})`);
  return `strategies(segment, strategy, ordinal) AS (\n  VALUES\n${rows.join(',\n')}\n)`;
}

/**
 * SQL listing each customer of a segmentation with their segment, its strategy and their
 * features, ready to export. Segments in the order of `strategies` (the preset's rank order),
 * then customer.
 */
export function exportSegmentsSql(options: ExportSegmentsOptions): string {
  const { segments, features, strategies, segment, columns } = options;
  const own = options.resultColumns ?? [];
  if (typeof features !== 'string' || features.trim() === '') {
    throw new LocalizedError({ en: 'The features table name is empty.', zh: '特征表名称为空。' });
  }
  const seen = new Set<string>();
  for (const s of strategies) {
    if (typeof s.segment !== 'string' || typeof s.strategy !== 'string') {
      throw new LocalizedError({
        en: 'Each strategy needs a segment and a text.',
        zh: '每条策略都需要分群名称和内容。',
      });
    }
    if (seen.has(s.segment)) {
      throw new LocalizedError({
        en: `Segment "${s.segment}" has two strategies.`,
        zh: `分群“${s.segment}”有两条策略。`,
      });
    }
    seen.add(s.segment);
  }
  if ([...(columns ?? []), ...own].some((c) => typeof c !== 'string' || c.trim() === '')) {
    throw new LocalizedError({ en: 'A column name is empty.', zh: '有列名为空。' });
  }
  const picked = columns
    ? columns.filter((c) => c !== 'customer_id').map((c) => `  f.${ident(c)}`)
    : ['  f.* EXCLUDE (customer_id)'];
  const where = segment === undefined ? '' : `\nWHERE s.segment = ${str(segment)}`;
  return `WITH
${relationCte('segmented', segments)},
${strategiesCte(strategies)}
SELECT
  s.customer_id,
  s.segment,
  st.strategy,
${[...own.map((c) => `  s.${ident(c)}`), ...picked].join(',\n')}
FROM segmented AS s
LEFT JOIN strategies AS st ON st.segment = s.segment
LEFT JOIN ${ident(features)} AS f ON f.customer_id = s.customer_id${where}
ORDER BY st.ordinal NULLS LAST, s.segment, s.customer_id`;
}
