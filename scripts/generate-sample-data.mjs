/**
 * Builds SegLab's sample data: a fictional Chinese online shop with 5,000 customers and two
 * years of orders, interactions and campaigns. Deterministic: the same seed always gives the
 * same bytes. See sample-data/README.md for what the tables hold.
 *
 *   npm run sample-data                                    # writes sample-data/
 *   node scripts/generate-sample-data.mjs --out DIR --seed N
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { dayToDate } from './sample-data/calendar.mjs';
import { runCampaigns } from './sample-data/campaigns.mjs';
import { formatCents, toCsv } from './sample-data/csv.mjs';
import { buildCustomers } from './sample-data/customers.mjs';
import { buildInteractions } from './sample-data/interactions.mjs';
import { buildAccounts } from './sample-data/orders.mjs';
import { createRng } from './sample-data/random.mjs';

export const DEFAULT_SEED = 20240101;
const CUSTOMER_COUNT = 5000;

/**
 * @typedef {object} SampleData CSV texts, UTF-8 without BOM, `\n` line ends.
 * @property {string} customers
 * @property {string} orders
 * @property {string} interactions
 * @property {string} campaigns
 */

/** @type {readonly (keyof SampleData)[]} */
export const TABLES = ['customers', 'orders', 'interactions', 'campaigns'];

function customersCsv(customers) {
  const rows = customers.map((c) => ({
    customer_id: c.id,
    name: c.name,
    type: c.type,
    province: c.province,
    city: c.city,
    country: c.country,
    signup_date: dayToDate(c.signupDay),
    channel: c.channel,
  }));
  return toCsv(Object.keys(rows[0]), rows);
}

const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function ordersCsv(accounts) {
  const orders = accounts.flatMap((a) => a.orders);
  // Stable sort: orders at the same second keep customer order, then each customer's own order.
  orders.sort((a, b) => compare(a.datetime, b.datetime) || compare(a.customerId, b.customerId));
  const rows = orders.map((o, i) => ({
    order_id: `O${String(i + 1).padStart(6, '0')}`,
    customer_id: o.customerId,
    order_datetime: o.datetime,
    amount: formatCents(o.amountCents),
    discount: formatCents(o.discountCents),
    category: o.category,
    brand: o.brand,
    quantity: o.quantity,
  }));
  return toCsv(Object.keys(rows[0]), rows);
}

/**
 * Generates all four tables from `seed`.
 * @param {number} [seed] an integer from 0 to 4294967295; 20240101 by default
 * @returns {SampleData}
 */
export function generateSampleData(seed = DEFAULT_SEED) {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`The seed must be an integer from 0 to 4294967295, got ${seed}.`);
  }
  const customers = buildCustomers(createRng(seed, 'customers'), CUSTOMER_COUNT);
  const accounts = buildAccounts(createRng(seed, 'orders'), customers);
  // Campaigns add the orders they cause, so they run before orders are written out.
  const campaignRows = runCampaigns(createRng(seed, 'campaigns'), accounts);
  const interactionRows = buildInteractions(createRng(seed, 'interactions'), accounts);
  return {
    customers: customersCsv(customers),
    orders: ordersCsv(accounts),
    interactions: toCsv(['customer_id', 'date', 'kind', 'satisfaction'], interactionRows),
    campaigns: toCsv(
      ['campaign_id', 'customer_id', 'sent_date', 'responded', 'converted', 'control'],
      campaignRows,
    ),
  };
}

/**
 * Writes `<table>.csv` for every table into `dir`, creating it if needed.
 * @param {string} dir
 * @param {number} [seed]
 * @returns {string[]} the files written
 */
export function writeSampleData(dir, seed = DEFAULT_SEED) {
  const data = generateSampleData(seed);
  mkdirSync(dir, { recursive: true });
  return TABLES.map((table) => {
    const file = path.join(dir, `${table}.csv`);
    writeFileSync(file, data[table], 'utf8');
    return file;
  });
}

function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: fileURLToPath(new URL('../sample-data', import.meta.url)) },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
    },
  });
  const seed = Number(values.seed);
  for (const file of writeSampleData(values.out, seed)) {
    const kib = (statSync(file).size / 1024).toFixed(0);
    console.log(`wrote ${path.relative(process.cwd(), file)} (${kib} KiB)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
