import type { Engine } from '../engine/types';
import { columnConversionSql } from '../sql/conversion';
import {
  isConversionCandidate,
  suggestConversion,
  type ConversionSuggestion,
} from '../ingest/suggest-conversions';
import {
  conversionCountSql,
  conversionMisfitsSql,
  idValueCountSql,
  sampleValuesSql,
} from '../sql/column-samples';

/** Wide files: only the first columns are looked at, so a load never stalls on this. */
const MAX_COLUMNS = 200;
const SAMPLE = 1000;

/**
 * Finds the text columns of a freshly loaded table that hold dates or numbers DuckDB did not
 * read as such: guessed from a sample of values, then counted over the whole column in DuckDB
 * with the exact SQL the conversion would run. A column with letter-prefixed identifiers
 * anywhere is never offered as numbers.
 */
export async function suggestConversions(
  engine: Engine,
  table: string,
  columns: readonly { name: string; type: string }[],
): Promise<ConversionSuggestion[]> {
  const found: ConversionSuggestion[] = [];
  for (const column of columns.slice(0, MAX_COLUMNS)) {
    if (!isConversionCandidate(column.name, column.type)) continue;
    const sample = await engine.query(sampleValuesSql(table, column.name, SAMPLE));
    const values = sample.rows.map((r) => String(r.v));
    const suggestion = suggestConversion(column.name, column.type, values);
    if (!suggestion) continue;
    // Cancelled invoices (C536379) may all sit past the sample: read as numbers they would blank.
    if (suggestion.rule.to === 'amount') {
      const ids = await engine.query(idValueCountSql(table, column.name));
      if (Number(ids.rows[0]?.n ?? 0) > 0) continue;
    }
    const expr = columnConversionSql(suggestion.rule, column.name);
    const counts = await engine.query(conversionCountSql(table, column.name, expr));
    const misfits = await engine.query(conversionMisfitsSql(table, column.name, expr));
    found.push({
      ...suggestion,
      total: Number(counts.rows[0]?.total ?? 0),
      misfits: Number(counts.rows[0]?.misfits ?? 0),
      misfitExamples: misfits.rows.map((r) => String(r.v)),
    });
  }
  return found;
}
