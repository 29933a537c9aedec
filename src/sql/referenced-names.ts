import { identifierName, tokenize } from './tokenize';

/**
 * Every identifier a SQL text mentions (lower-cased), outside strings and comments. Used to
 * work out which notebook cells read the result of which others; a superset is fine there.
 */
export function referencedNames(sql: string): Set<string> {
  const names = new Set<string>();
  for (const token of tokenize(sql)) {
    const name = identifierName(token);
    if (name !== null) names.add(name);
  }
  return names;
}
