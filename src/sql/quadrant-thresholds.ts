import { ident } from './quote';

/** The value and loyalty thresholds a value x loyalty result was split at (`v`, `l`). */
export function quadrantThresholdsSql(result: string): string {
  return `SELECT any_value(value_threshold) AS v, any_value(loyalty_threshold) AS l FROM ${ident(result)}`;
}
