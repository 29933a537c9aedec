import { pick, type Lang } from '../../domain/labels';
import { str } from '../quote';
import type { SegmentLabel } from './context';

/** `CASE <keyExpr> WHEN 'vip' THEN 'VIP客户' ... END`: a segment key turned into its label. */
export function segmentCase(keyExpr: string, segments: SegmentLabel[], lang: Lang): string {
  const whens = segments.map((s) => `    WHEN ${str(s.key)} THEN ${str(pick(s.label, lang))}`);
  return ['CASE ' + keyExpr, ...whens, '  END'].join('\n');
}
