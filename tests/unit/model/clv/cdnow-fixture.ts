import { fileURLToPath } from 'node:url';
import { ident, str } from '../../../../src/sql/quote';
import type { NodeEngine } from '../../../support/node-engine';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/cdnow/', import.meta.url));

/**
 * Loads a CDNOW file from tests/fixtures/cdnow into table `name` with columns customer_id,
 * sample_id (the sample's 1-based customer number, the ID of lifetimes' summary files; NULL
 * for the master file), order_date (DATE), cds, dollars. The files are whitespace-aligned, so
 * each line is read as one VARCHAR column and split with a regular expression.
 */
export async function loadCdnow(
  engine: NodeEngine,
  file: 'CDNOW_sample.txt' | 'CDNOW_master.txt',
  name: string,
): Promise<void> {
  engine.registerPath(`/seglab/${file}`, `${FIXTURES}${file}`);
  const fields =
    file === 'CDNOW_sample.txt'
      ? String.raw`^\s*(\d+)\s+(\d+)\s+(\d{8})\s+(\d+)\s+([\d.]+)`
      : String.raw`^\s*(\d+)()\s+(\d{8})\s+(\d+)\s+([\d.]+)`;
  await engine.exec(`
    CREATE OR REPLACE TABLE ${ident(name)} AS
    WITH parsed AS (
      SELECT regexp_extract(line, ${str(fields)}, ['id', 'sample', 'day', 'cds', 'dollars']) AS f
      FROM read_csv(${str(`/seglab/${file}`)}, header = false, delim = '\t', quote = '', escape = '',
        columns = {'line': 'VARCHAR'})
    )
    SELECT CAST(f.id AS INTEGER) AS customer_id,
      TRY_CAST(NULLIF(f.sample, '') AS INTEGER) AS sample_id,
      CAST(strptime(f.day, '%Y%m%d') AS DATE) AS order_date,
      CAST(f.cds AS INTEGER) AS cds,
      CAST(f.dollars AS DOUBLE) AS dollars
    FROM parsed
    WHERE f.id <> ''`);
}
