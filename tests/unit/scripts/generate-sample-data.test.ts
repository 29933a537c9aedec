import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleData, TABLES } from '../../../scripts/generate-sample-data.mjs';
import { NodeEngine } from '../../support/node-engine';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const script = path.join(root, 'scripts/generate-sample-data.mjs');
const committedDir = path.join(root, 'sample-data');

let tmp: string;
let runs: [string, string];
let engine: NodeEngine;

/** Runs the CLI the way `npm run sample-data` does, into `dir`. */
function generateInto(dir: string): void {
  execFileSync(process.execPath, [script, '--out', dir], { cwd: root, stdio: 'pipe' });
}

const csvPath = (dir: string, table: string) => path.join(dir, `${table}.csv`);

async function value<T>(sql: string): Promise<T> {
  const { rows } = await engine.query(sql);
  return Object.values(rows[0]!)[0] as T;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'seglab-sample-'));
  runs = [path.join(tmp, 'a'), path.join(tmp, 'b')];
  runs.forEach(generateInto);
  engine = await NodeEngine.start();
  for (const table of TABLES) {
    engine.registerPath(`/seglab/${table}.csv`, csvPath(runs[0], table));
    await engine.exec(`CREATE TABLE ${table} AS SELECT * FROM read_csv('/seglab/${table}.csv')`);
  }
});

afterAll(() => {
  engine?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('generate-sample-data', () => {
  it('writes byte-identical files on every run', () => {
    const inProcess = generateSampleData();
    for (const table of TABLES) {
      const first = readFileSync(csvPath(runs[0], table));
      expect(first.equals(readFileSync(csvPath(runs[1], table))), table).toBe(true);
      expect(first.toString('utf8'), table).toBe(inProcess[table]);
      // UTF-8 without BOM, `\n` line ends only.
      expect(first.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), table).toBe(false);
      expect(first.includes('\r'), table).toBe(false);
    }
  });

  it('matches the committed sample-data/ (regenerate with `npm run sample-data`)', () => {
    const stale: string[] = [];
    for (const table of TABLES) {
      const fresh = readFileSync(csvPath(runs[0], table));
      let committed: Buffer | null = null;
      try {
        committed = readFileSync(csvPath(committedDir, table));
      } catch {
        // A missing file is reported like a changed one.
      }
      if (!committed?.equals(fresh)) {
        writeFileSync(path.join(committedDir, `${table}-changed.csv`), fresh);
        stale.push(table);
      }
    }
    expect(stale, 'differences were written to sample-data/*-changed.csv').toEqual([]);
  });

  it('depends on the seed and rejects seeds it cannot use', () => {
    expect(generateSampleData(7).customers).not.toBe(generateSampleData().customers);
    expect(() => generateSampleData(-1)).toThrow(/seed must be an integer/);
    expect(() => generateSampleData(1.5)).toThrow(/seed must be an integer/);
  });

  it('keeps the whole sample under 8 MB', () => {
    const bytes = TABLES.reduce((sum, t) => sum + readFileSync(csvPath(runs[0], t)).length, 0);
    expect(bytes).toBeLessThan(8 * 1024 * 1024);
  });

  it('reads into DuckDB with the column types the app expects', async () => {
    const types = async (table: string) => {
      const { rows } = await engine.query(`DESCRIBE ${table}`);
      return Object.fromEntries(rows.map((r) => [r.column_name, r.column_type]));
    };
    expect(await types('customers')).toMatchObject({
      customer_id: 'VARCHAR',
      signup_date: 'DATE',
      province: 'VARCHAR',
    });
    expect(await types('orders')).toMatchObject({
      order_datetime: 'TIMESTAMP',
      amount: 'DOUBLE',
      discount: 'DOUBLE',
      quantity: 'BIGINT',
    });
    expect(await types('interactions')).toMatchObject({ date: 'DATE', satisfaction: 'BIGINT' });
    expect(await types('campaigns')).toMatchObject({ sent_date: 'DATE', converted: 'BIGINT' });
    // Enterprise names such as "Co., Ltd." are quoted and survive the round trip.
    expect(
      await value<number>("SELECT count(*) FROM customers WHERE name LIKE '%, %'"),
    ).toBeGreaterThan(0);
  });

  it('has about 5,000 customers and 60,000 orders over 2023-2024', async () => {
    const { rows } = await engine.query(`
      SELECT (SELECT count(*) FROM customers) AS customers,
             (SELECT count(DISTINCT customer_id) FROM customers) AS distinct_ids,
             count(*) AS orders, count(DISTINCT order_id) AS order_ids,
             min(order_datetime)::DATE::VARCHAR AS first, max(order_datetime)::DATE::VARCHAR AS last
      FROM orders`);
    const r = rows[0]!;
    expect(r.customers).toBe(5000);
    expect(r.distinct_ids).toBe(5000);
    expect(r.orders).toBeGreaterThan(55_000);
    expect(r.orders).toBeLessThan(65_000);
    expect(r.order_ids).toBe(r.orders);
    expect(r.first! >= '2023-01-01' && r.first! <= '2023-01-03').toBe(true);
    expect(r.last! >= '2024-12-29' && r.last! <= '2024-12-31').toBe(true);
  });

  it('keeps orders consistent with customers', async () => {
    const broken = await value<number>(`
      SELECT count(*) FROM orders o LEFT JOIN customers c USING (customer_id)
      WHERE c.customer_id IS NULL OR o.order_datetime::DATE < c.signup_date
         OR o.amount <= 0 OR o.discount < 0 OR o.quantity < 1`);
    expect(broken).toBe(0);
    // Order ids follow time.
    const outOfOrder = await value<number>(`
      SELECT count(*) FROM (SELECT order_datetime < lag(order_datetime) OVER (ORDER BY order_id) AS back FROM orders)
      WHERE back`);
    expect(outOfOrder).toBe(0);
    // Most orders carry no discount.
    expect(await value<number>('SELECT avg((discount > 0)::INT) FROM orders')).toBeLessThan(0.4);
  });

  describe('customer shapes', () => {
    beforeAll(async () => {
      await engine.exec(`
        CREATE TABLE buyers AS
        SELECT customer_id, count(*) AS n, sum(amount) AS revenue,
               max(order_datetime) AS last_order,
               avg((discount > 0)::INT) AS discounted_share
        FROM orders GROUP BY customer_id`);
    });

    it('concentrates revenue: the top 20% of buyers hold at least 60%', async () => {
      const share = await value<number>(`
        SELECT sum(revenue) FILTER (WHERE rank <= ceil(0.2 * total)) / sum(revenue)
        FROM (SELECT revenue, row_number() OVER (ORDER BY revenue DESC) AS rank,
                     count(*) OVER () AS total FROM buyers)`);
      expect(share).toBeGreaterThanOrEqual(0.6);
      expect(share).toBeLessThan(0.9);
    });

    it('has prospects, one-off buyers and churners in realistic shares', async () => {
      const { rows } = await engine.query(`
        SELECT 1 - (SELECT count(*) FROM buyers) / (SELECT count(*) FROM customers) AS prospects,
               avg((n = 1)::INT) AS one_off,
               avg((last_order < TIMESTAMP '2024-12-31' - INTERVAL 180 DAY)::INT) AS churned,
               count(*) FILTER (WHERE customer_id IN (
                 SELECT customer_id FROM orders GROUP BY ALL
                 HAVING min(order_datetime) >= TIMESTAMP '2024-10-01')) AS new_in_q4
        FROM buyers`);
      const r = rows[0]! as Record<string, number>;
      expect(r.prospects).toBeGreaterThanOrEqual(0.03);
      expect(r.prospects).toBeLessThanOrEqual(0.08);
      expect(r.one_off).toBeGreaterThanOrEqual(0.2);
      expect(r.one_off).toBeLessThanOrEqual(0.4);
      expect(r.churned).toBeGreaterThanOrEqual(0.15);
      expect(r.churned).toBeLessThanOrEqual(0.35);
      expect(r.new_in_q4).toBeGreaterThan(200);
    });

    it('has price-sensitive and brand-loyal customers', async () => {
      const priceSensitive = await value<number>(
        'SELECT count(*) FROM buyers WHERE n >= 5 AND discounted_share > 0.7',
      );
      const brandLoyal = await value<number>(`
        SELECT count(*) FROM (
          SELECT customer_id, max(k) / sum(k) AS top_share, sum(k) AS n
          FROM (SELECT customer_id, brand, count(*) AS k FROM orders GROUP BY ALL)
          GROUP BY customer_id)
        WHERE n >= 5 AND top_share > 0.8`);
      expect(priceSensitive).toBeGreaterThan(200);
      expect(brandLoyal).toBeGreaterThan(200);
    });

    it('places most customers in China across all seven regions, some abroad', async () => {
      const { rows } = await engine.query(`
        SELECT avg((country = 'China')::INT) AS china,
               count(DISTINCT country) FILTER (WHERE country <> 'China') AS foreign_countries,
               count(*) FILTER (WHERE (country = 'China') = (province IS NULL)) AS bad_province,
               avg((type = 'enterprise')::INT) AS enterprise
        FROM customers`);
      const r = rows[0]! as Record<string, number>;
      expect(r.china).toBeGreaterThan(0.85);
      expect(r.china).toBeLessThan(0.95);
      expect(r.foreign_countries).toBe(7);
      expect(r.bad_province).toBe(0);
      expect(r.enterprise).toBeGreaterThan(0.08);
      expect(r.enterprise).toBeLessThan(0.16);
      // One province from each region: 华东 华北 华南 华中 西南 西北 东北.
      const present = await value<number>(`
        SELECT count(DISTINCT province) FROM customers
        WHERE province IN ('上海', '北京', '广东', '湖北', '四川', '陕西', '辽宁')`);
      expect(present).toBe(7);
    });
  });

  it('peaks on Double 11 and dips at Spring Festival', async () => {
    const { rows } = await engine.query(`
      SELECT y, day FROM (
        SELECT year(order_datetime) AS y, strftime(order_datetime, '%m-%d') AS day, count(*) AS n
        FROM orders GROUP BY ALL)
      QUALIFY row_number() OVER (PARTITION BY y ORDER BY n DESC) = 1
      ORDER BY y`);
    expect(rows.map((r) => r.day)).toEqual(['11-11', '11-11']);
    const { rows: months } = await engine.query(`
      SELECT count(*) FILTER (WHERE order_datetime >= '2024-02-01' AND order_datetime < '2024-03-01') AS feb,
             count(*) / 24 AS mean_month FROM orders`);
    expect(months[0]!.feb as number).toBeLessThan(0.8 * (months[0]!.mean_month as number));
  });

  it('records interactions with satisfaction except for referrals', async () => {
    const { rows } = await engine.query(`
      SELECT count(*) AS n, count(DISTINCT kind) AS kinds,
             count(*) FILTER (WHERE (kind = 'referral') <> (satisfaction IS NULL)
                              OR satisfaction NOT BETWEEN 1 AND 5) AS bad,
             avg(satisfaction) FILTER (WHERE kind = 'complaint') AS complaint_score,
             avg(satisfaction) FILTER (WHERE kind = 'feedback') AS feedback_score
      FROM interactions`);
    const r = rows[0]! as Record<string, number>;
    expect(r.n).toBeGreaterThan(2000);
    expect(r.kinds).toBe(3);
    expect(r.bad).toBe(0);
    expect(r.complaint_score).toBeLessThan(r.feedback_score!);
  });

  describe('campaigns', () => {
    it('has 3-4 campaigns of a few thousand customers each, with control groups', async () => {
      const { rows } = await engine.query(`
        SELECT campaign_id, count(*) AS n, avg(control) AS control,
               count(*) FILTER (WHERE control = 1 AND responded = 1) AS control_responded
        FROM campaigns GROUP BY ALL ORDER BY campaign_id`);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.length).toBeLessThanOrEqual(4);
      for (const r of rows) {
        expect(r.n).toBeGreaterThan(1500);
        expect(r.n).toBeLessThanOrEqual(5000);
        expect(r.control).toBeGreaterThan(0.05);
        expect(r.control).toBeLessThan(0.15);
        expect(r.control_responded).toBe(0);
      }
    });

    it('marks as converted exactly those who ordered within 14 days', async () => {
      const mismatched = await value<number>(`
        SELECT count(*) FROM campaigns c
        WHERE c.converted <> (EXISTS (
          SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
            AND o.order_datetime::DATE BETWEEN c.sent_date AND c.sent_date + 14))::INT`);
      expect(mismatched).toBe(0);
      const { rows } = await engine.query(`
        SELECT avg(converted) FILTER (WHERE control = 0) AS treated,
               avg(converted) FILTER (WHERE control = 1) AS control
        FROM campaigns`);
      expect(rows[0]!.treated as number).toBeGreaterThan((rows[0]!.control as number) + 0.03);
    });

    it('gets more responses from recent high-value customers than from lapsed ones', async () => {
      const { rows } = await engine.query(`
        WITH history AS (
          SELECT c.campaign_id, c.customer_id, c.sent_date, c.responded, c.control,
                 max(o.order_datetime) FILTER (WHERE o.order_datetime < c.sent_date) AS last_order,
                 coalesce(sum(o.amount) FILTER (WHERE o.order_datetime < c.sent_date
                   AND o.order_datetime >= c.sent_date - INTERVAL 365 DAY), 0) AS spend
          FROM campaigns c LEFT JOIN orders o USING (customer_id)
          GROUP BY ALL),
        segmented AS (
          SELECT *, CASE
            WHEN last_order >= sent_date - INTERVAL 90 DAY
             AND spend >= quantile_cont(spend, 0.75) OVER (PARTITION BY campaign_id) THEN 'recent_high'
            WHEN last_order IS NULL OR last_order < sent_date - INTERVAL 365 DAY THEN 'lapsed'
            ELSE 'other' END AS segment
          FROM history)
        SELECT segment, avg(responded) AS rate FROM segmented WHERE control = 0 GROUP BY ALL`);
      const rate = Object.fromEntries(rows.map((r) => [r.segment, r.rate as number]));
      expect(rate.recent_high).toBeGreaterThan(3 * rate.lapsed!);
      expect(rate.recent_high).toBeGreaterThan(rate.other!);
    });
  });
});
