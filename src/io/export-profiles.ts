import { pick, type Lang } from '../domain/labels';
import type { Row } from '../domain/result';
import { profileLabel } from '../model/profile-features';
import { describeProfiles } from '../model/segment-description';
import type { SegmentProfileRow } from '../model/segment-description';
import type { ExportColumn } from './export-csv';

const NUMBERS = [
  'n',
  'segment_mean',
  'rest_mean',
  'overall_mean',
  'lift',
  'std_diff',
  'rank',
] as const;

/**
 * A segmentation's profile as a table to export: one row per segment and feature, the feature
 * named in `lang` next to its column name, and the segment's description line on each row.
 */
export function profileExport(
  profile: readonly SegmentProfileRow[],
  lang: Lang,
): { rows: Row[]; columns: ExportColumn[] } {
  const described = new Map(describeProfiles(profile, lang).map((d) => [d.segment, d.description]));
  const rows: Row[] = profile.map((r) => ({
    segment: r.segment,
    description: described.get(r.segment) ?? '',
    customers: Number(r.customers),
    feature: r.feature,
    feature_label: pick(profileLabel(r.feature), lang),
    value: r.value,
    ...Object.fromEntries(
      NUMBERS.map((k) => [k, r[k] === null || r[k] === undefined ? null : Number(r[k])]),
    ),
    note: r.note,
  }));
  const columns: ExportColumn[] = [
    { name: 'segment', kind: 'string' },
    { name: 'description', kind: 'string' },
    { name: 'customers', kind: 'number' },
    { name: 'feature', kind: 'string' },
    { name: 'feature_label', kind: 'string' },
    { name: 'value', kind: 'string' },
    ...NUMBERS.map((name) => ({ name, kind: 'number' as const })),
    { name: 'note', kind: 'string' },
  ];
  return { rows, columns };
}
