/** A DATE from the engine (a Date at UTC midnight) or a `YYYY-MM-DD…` string, as `YYYY-MM-DD`. */
export function isoDay(d: Date | string | undefined | null): string {
  if (d === undefined || d === null) return '';
  return typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
}
