import { describeStep, type CleaningStepInit } from '../domain/cleaning-step';
import { ident } from './quote';
import { dayOf, keepRowsSql, numberOf, rowFilterSql, textOf } from './quality-filter';
import { conversionSql } from './conversion';

/** The original of a cleaned table keeps the name with this suffix. */
export const RAW_SUFFIX = '__raw';

export function rawTableName(table: string): string {
  return `${table}${RAW_SUFFIX}`;
}

export interface CleaningInput {
  /** The table as loaded (`<table>__raw`). */
  raw: string;
  /** The cleaned table to create or replace. */
  target: string;
  /** The raw table's columns, in order. */
  columns: readonly string[];
  steps: readonly CleaningStepInit[];
}

/** Row number in the raw table: keeps the file's order, and "first" means first in the file. */
const ROW = '__seglab_row';
const PAID = '__seglab_paid';
const REFUNDED = '__seglab_refunded';
const CANCEL = '__seglab_cancel';

/** The step's CTE bodies; a second body reads the first, which is named `inner`. */
function stepCtes(
  step: CleaningStepInit,
  prev: string,
  inner: string,
  columns: readonly string[],
): string[] {
  switch (step.kind) {
    case 'convert': {
      const c = ident(step.column);
      return [`SELECT * REPLACE (${conversionSql(step.rule, c)} AS ${c}) FROM ${prev}`];
    }
    case 'exclude':
      return [`SELECT * FROM ${prev} WHERE ${keepRowsSql(step.filter)}`];
    case 'dedupe-rows':
      return [
        `SELECT * FROM ${prev} QUALIFY row_number() OVER (PARTITION BY ${columns.map(ident).join(', ')} ORDER BY ${ROW}) = 1`,
      ];
    case 'dedupe-key': {
      const key = textOf(step.column);
      return [
        `SELECT * FROM ${prev} QUALIFY ${key} IS NULL OR row_number() OVER (PARTITION BY ${key} ORDER BY ${ROW}) = 1`,
      ];
    }
    case 'net-refunds': {
      // Refund rows go; the customer's other amounts shrink in proportion, so their sum is
      // purchases minus refunds (never below 0), and order counts and dates ignore refunds.
      const a = numberOf(step.amount);
      const over = `OVER (PARTITION BY ${textOf(step.customer)})`;
      return [
        `SELECT *, sum(CASE WHEN ${a} > 0 THEN ${a} END) ${over} AS ${PAID}, sum(CASE WHEN ${a} < 0 THEN ${a} END) ${over} AS ${REFUNDED} FROM ${prev}`,
        `SELECT * EXCLUDE (${PAID}, ${REFUNDED}) REPLACE (CASE WHEN ${REFUNDED} IS NULL OR NOT coalesce(${a} > 0, false) THEN ${a} ELSE ${a} * greatest(0, ${PAID} + ${REFUNDED}) / ${PAID} END AS ${ident(step.amount)}) FROM ${inner} WHERE NOT coalesce(${a} < 0, false)`,
      ];
    }
    case 'net-cancellations': {
      // Cancellation lines go. Their value (as a positive number) comes off the purchases of
      // the same customer (and product, when mapped) in proportion, so that group's spend is
      // purchases minus cancellations, never below 0; a purchase cancelled in full goes too, so
      // an order whose every line was cancelled no longer counts. Rows without a customer are
      // never netted. With a derived amount the quantity shrinks, which shrinks quantity × price.
      const col = numberOf(step.column);
      const value = step.price ? `${col} * ${numberOf(step.price)}` : col;
      const customer = textOf(step.customer);
      const keys = [customer, ...(step.product ? [textOf(step.product)] : [])];
      const over = `OVER (PARTITION BY ${keys.join(', ')})`;
      const isCancel = `coalesce(${rowFilterSql(step.filter)}, false)`;
      const purchase = `NOT ${CANCEL} AND coalesce(${value} > 0, false)`;
      const group = (agg: string) =>
        `CASE WHEN ${customer} IS NULL THEN NULL ELSE ${agg} ${over} END`;
      return [
        `SELECT *, ${isCancel} AS ${CANCEL} FROM ${prev}`,
        `SELECT * EXCLUDE (${CANCEL}, ${PAID}, ${REFUNDED}) REPLACE (CASE WHEN ${REFUNDED} IS NULL OR NOT (${purchase}) THEN ${col} ELSE ${col} * (${PAID} - ${REFUNDED}) / ${PAID} END AS ${ident(step.column)}) FROM (SELECT *, ${group(`sum(CASE WHEN ${purchase} THEN ${value} END)`)} AS ${PAID}, ${group(`sum(CASE WHEN ${CANCEL} THEN abs(${value}) END)`)} AS ${REFUNDED} FROM ${inner}) WHERE NOT ${CANCEL} AND NOT (${REFUNDED} IS NOT NULL AND ${purchase} AND ${PAID} <= ${REFUNDED})`,
      ];
    }
    case 'dedupe-columns': {
      const day = step.day ? [dayOf(step.day)] : [];
      const keys = [...step.columns.map((c) => textOf(c)), ...day];
      // Rows without a customer (the first column) or a day are never taken for copies, as in
      // the possible-duplicates check; other blanks (no discount) match each other.
      const blank = [keys[0], ...day].map((k) => `${k} IS NULL`).join(' OR ');
      return [
        `SELECT * FROM ${prev} QUALIFY ${blank} OR row_number() OVER (PARTITION BY ${keys.join(', ')} ORDER BY ${ROW}) = 1`,
      ];
    }
  }
}

function comment(text: string): string {
  return `-- ${text.replace(/[\r\n]+/g, ' ')}`;
}

/**
 * The SELECT that produces a cleaned table from its raw original, one CTE per step in order,
 * each commented with what it does. Shown to the user as the step's SQL.
 */
export function cleaningSelectSql(input: CleaningInput): string {
  const ctes = [
    `${comment('The table as loaded')}\ns0 AS (SELECT *, rowid AS ${ROW} FROM ${ident(input.raw)})`,
  ];
  let prev = 's0';
  input.steps.forEach((step, i) => {
    const name = `s${i + 1}`;
    const inner = `${name}_inner`;
    const bodies = stepCtes(step, prev, inner, input.columns);
    const head = comment(`${i + 1}. ${describeStep(step).en}`);
    if (bodies.length === 2) ctes.push(`${head}\n${inner} AS (${bodies[0]})`);
    ctes.push(`${bodies.length === 2 ? '' : `${head}\n`}${name} AS (${bodies[bodies.length - 1]})`);
    prev = name;
  });
  return `WITH\n${ctes.join(',\n')}\nSELECT * EXCLUDE (${ROW}) FROM ${prev} ORDER BY ${ROW}`;
}

/**
 * One row: `rows` now in `current` and `kept`, the rows the steps would leave: so a fix can say
 * how many rows it removes before it is applied.
 */
export function cleaningCountSql(input: CleaningInput, current: string): string {
  return `SELECT (SELECT count(*) FROM ${ident(current)}) AS rows, (SELECT count(*) FROM (${cleaningSelectSql(input)})) AS kept`;
}

export function cleaningSql(input: CleaningInput): string {
  return `CREATE OR REPLACE TABLE ${ident(input.target)} AS\n${cleaningSelectSql(input)}`;
}
