export type FileFormat = 'csv' | 'parquet' | 'json' | 'excel';

const BY_EXTENSION: Record<string, FileFormat> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  tab: 'csv',
  parquet: 'parquet',
  pq: 'parquet',
  json: 'json',
  ndjson: 'json',
  jsonl: 'json',
  xlsx: 'excel',
  xls: 'excel',
};

/** The format a file name says it has, or null when SegLab does not read that kind of file. */
export function formatFromName(fileName: string): FileFormat | null {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? null;
}
