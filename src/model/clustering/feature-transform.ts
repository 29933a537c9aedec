/** A feature value as clustered: sign(x)·ln(1 + |x|) when logged (spend is skewed), else x. */
export function transformValue(x: number, log: boolean): number {
  return log ? Math.sign(x) * Math.log(1 + Math.abs(x)) : x;
}

/** Mean and population standard deviation; a constant column scales by 1. */
export function meanAndScale(values: Float64Array): { center: number; scale: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const center = values.length > 0 ? sum / values.length : 0;
  let squares = 0;
  for (const v of values) squares += (v - center) * (v - center);
  const sd = values.length > 0 ? Math.sqrt(squares / values.length) : 0;
  return { center, scale: sd > 0 ? sd : 1 };
}

/** Rounds to `digits` significant digits: literals a reader can take in, stored as fitted. */
export function roundSignificant(x: number, digits: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(digits));
}
