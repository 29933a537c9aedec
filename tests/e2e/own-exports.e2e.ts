import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseShop, onlineRetail, textNumbersWorkbook } from '../../scripts/own-exports.mjs';
import { customerTotals, dayAfterLast, readCsv, type OracleLine } from '../support/exports-oracle';
import { openSession, type Session } from './browser';
import { dropFiles, tableRow, waitForNotebookRun, waitIdle } from './helpers';
import { serveDist, type StaticServer } from './static-server';

/**
 * Exports nobody here wrote the app for, each taken the way an analyst would: New notebook, drop
 * the file, accept the suggested fixes, then RFM, value × loyalty, Backtest, Migration and
 * Predict without typing SQL; a reload gives the same results. Expected numbers come from the
 * rows themselves through Arquero (tests/support/exports-oracle.ts), never from the app.
 */

let server: StaticServer;
let profile: string;
let s: Session;

beforeAll(async () => {
  server = await serveDist('dist');
  profile = await mkdtemp(path.join(tmpdir(), 'seglab-own-'));
  s = await openSession({ profile });
  await s.page.goto(server.url);
  await waitForNotebookRun(s.page);
});
afterAll(async () => {
  await s?.close();
  await server?.close();
  await rm(profile, { recursive: true, force: true });
});

async function newNotebook(page: Page): Promise<void> {
  await page.getByTestId('new-notebook').click();
  await page.getByTestId('empty-notebook').waitFor();
}

/** Opens a table's data-quality report and applies the first fix of each named finding. */
async function applyFixes(page: Page, table: string, checks: string[]): Promise<void> {
  const button = tableRow(page, table).getByTestId('quality-button');
  await button.waitFor({ timeout: 60_000 });
  await button.click();
  const report = page.getByTestId('quality-report');
  for (const check of checks) {
    const finding = report.locator(`[data-testid=finding][data-check="${check}"]`);
    await finding.waitFor({ timeout: 30_000 });
    await finding.getByTestId('fix').first().click();
    await expect.poll(() => finding.count(), { timeout: 30_000 }).toBe(0);
  }
  await page.keyboard.press('Escape');
  await report.waitFor({ state: 'detached' }).catch(() => undefined);
}

async function addCell(page: Page, value: string): Promise<Locator> {
  const cells = page.locator('[data-testid=cell]');
  const before = await cells.count();
  await page.locator('[data-testid=add-segment]').last().selectOption(value);
  await expect.poll(() => cells.count()).toBe(before + 1);
  return cells.nth(before);
}

async function addPreset(page: Page, id: string): Promise<Locator> {
  const cell = await addCell(page, id);
  const done = cell.locator('[data-testid=segment-summary] tbody tr, [data-testid=cell-error]');
  await expect.poll(() => done.count(), { timeout: 60_000 }).toBeGreaterThan(0);
  await waitIdle(page);
  const error = cell.getByTestId('cell-error');
  if ((await error.count()) > 0) throw new Error(`${id}: ${await error.innerText()}`);
  return cell;
}

/** Segment -> customers, as a preset cell's summary shows them. */
async function counts(cell: Locator): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const row of await cell.locator('[data-testid=segment-summary] tbody tr').all()) {
    const segment = (await row.getAttribute('data-segment')) ?? '';
    const text = await row.locator('[data-testid=segment-count]').innerText();
    out[segment] = Number(text.replace(/[^\d]/g, ''));
  }
  return out;
}

const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);

/** The members export of a preset cell, as the CSV an analyst would open. */
async function exportCsv(page: Page, cell: Locator): Promise<Record<string, string>[]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    cell.getByRole('button', { name: 'CSV' }).click(),
  ]);
  return readCsv(await readFile(await download.path(), 'utf8'));
}

/** What a notebook shows, to compare before and after a reload. */
async function digest(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const cell of await page.locator('[data-testid=cell]').all()) {
    const summary = cell.locator('[data-testid=segment-summary]');
    if ((await summary.count()) > 0) out.push(JSON.stringify(await counts(cell)));
    const status = cell.locator('[data-testid=cell-status]');
    if ((await status.count()) > 0)
      out.push((await status.innerText()).replace(/[\d,.]+ ?m?s\b.*$/, '').trim());
  }
  return out;
}

/** Customer ids as both sides spell them: a zero-padded 00004 may come back as 4. */
const idKey = (id: string) => (/^\d+$/.test(id) ? String(Number(id)) : id);

/** CDNOW's whitespace-separated lines: customer, [sample id,] yyyymmdd, CDs, dollars. */
function cdnowLines(file: string, header: boolean): OracleLine[] {
  const text = readFileSync(path.join(__dirname, '../fixtures/cdnow', file), 'utf8');
  const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return rows.slice(header ? 1 : 0).map((line, i) => {
    const f = line.trim().split(/\s+/);
    const [customer, ymd, dollars] = header ? [f[0]!, f[1]!, f[3]!] : [f[0]!, f[2]!, f[4]!];
    return {
      customer: idKey(customer),
      order: `row${i}`,
      day: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`,
      amount: Number(dollars),
    };
  });
}

interface Flow {
  file: { name: string; content: string | number[] };
  table: string;
  /** Columns whose suggested conversion (text to number or date) the analyst accepts. */
  conversions?: string[];
  /** Accept every suggested conversion at once ("Convert all"). */
  convertAll?: boolean;
  /** What the analyst sets in the Tables panel when nothing could be guessed (no header). */
  kind?: { kind: string; roles: Record<string, string> };
  /** Quality findings whose first fix the analyst accepts, in order. */
  fixes: string[];
  /** The lines after those fixes, as the oracle reads them. */
  lines: OracleLine[];
}

async function runFlow(flow: Flow): Promise<void> {
  const { page } = s;
  await newNotebook(page);
  await dropFiles(page, [flow.file]);
  await expect.poll(() => tableRow(page, flow.table).count(), { timeout: 90_000 }).toBe(1);
  for (const column of flow.conversions ?? []) {
    const suggestion = tableRow(page, flow.table).locator(
      `[data-testid=suggestion][data-column="${column}"]`,
    );
    await suggestion.getByTestId('convert').click();
    await suggestion.waitFor({ state: 'detached', timeout: 60_000 });
  }
  if (flow.convertAll) {
    const bar = tableRow(page, flow.table).getByTestId('convert-all-bar');
    await bar.getByTestId('convert-all').click();
    await bar.waitFor({ state: 'detached', timeout: 60_000 });
  }
  if (flow.kind) {
    const row = tableRow(page, flow.table);
    await row.getByTestId('needs-kind').click();
    await row.getByTestId('table-kind').selectOption(flow.kind.kind);
    for (const [role, column] of Object.entries(flow.kind.roles)) {
      await row.locator(`select[data-role=${role}]`).selectOption(column);
    }
    await expect.poll(() => row.getByTestId('kind-badge').count()).toBe(1);
  }
  await applyFixes(page, flow.table, flow.fixes);

  const asOf = dayAfterLast(flow.lines);
  const expected = customerTotals(flow.lines, asOf);

  // RFM: every customer once, with the oracle's orders and spend.
  const rfm = await addPreset(page, 'rfm');
  expect(sum(await counts(rfm))).toBe(expected.size);
  const members = await exportCsv(page, rfm);
  expect(members).toHaveLength(expected.size);
  for (const m of members) {
    const want = expected.get(idKey(m.customer_id!));
    expect(want, `customer ${m.customer_id}`).toBeDefined();
    expect(Number(m.frequency)).toBe(want!.frequency);
    expect(Number(m.monetary)).toBeCloseTo(want!.monetary, 2);
  }

  const quadrant = await addPreset(page, 'value-loyalty');
  expect(sum(await counts(quadrant))).toBe(expected.size);

  // Backtest and Migration on the RFM cell.
  await rfm.getByTestId('tab-backtest').click();
  const total = rfm.locator('[data-testid=backtest-table] tr.total');
  await total.waitFor({ timeout: 60_000 });
  await rfm.getByTestId('tab-migration').click();
  await rfm.getByTestId('run-migration').click();
  await expect
    .poll(
      () =>
        rfm
          .locator('[data-testid=migration-panel] svg, [data-testid=migration-panel] .panel-error')
          .count(),
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
  expect(await rfm.locator('[data-testid=migration-panel] .panel-error').count()).toBe(0);

  // Predict: every buyer scored.
  const predict = await addCell(page, '__predict');
  await expect
    .poll(() => predict.locator('[data-testid=cell-status], [data-testid=cell-error]').count(), {
      timeout: 120_000,
    })
    .toBeGreaterThan(0);
  expect(await predict.locator('[data-testid=cell-error]').allInnerTexts()).toEqual([]);
  expect(await predict.getByTestId('cell-status').innerText()).toContain(
    expected.size.toLocaleString('en-US'),
  );
  await waitIdle(page);

  const before = await digest(page);
  await page.reload();
  await waitForNotebookRun(page);
  await waitIdle(page);
  await expect.poll(() => digest(page), { timeout: 120_000 }).toEqual(before);
}

// Each flow loads, fixes, segments, fits and reloads: minutes, not the suite's two.
const FLOW_MS = 300_000;

describe('own exports, end to end', () => {
  it(
    '(a) an online-retail order-line export: quantity × price, cancellations, duplicates',
    async () => {
      const { text, rows } = onlineRetail();
      // The analyst accepts the suggested fixes: exact duplicate lines go, then cancellations
      // are netted against the same customer's purchases of the same product (docs/data-loading.md):
      // purchases shrink in proportion to what was cancelled, never below zero.
      const seen = new Set<string>();
      const unique = rows.filter((r) => {
        const key = JSON.stringify(r);
        return seen.has(key) ? false : (seen.add(key), true);
      });
      const cancel = (r: (typeof rows)[number]) => r.InvoiceNo.startsWith('C') || r.Quantity < 0;
      const group = (r: (typeof rows)[number]) => `${r.CustomerID}|${r.StockCode}`;
      const paid = new Map<string, number>();
      const refunded = new Map<string, number>();
      for (const r of unique) {
        if (r.CustomerID === '') continue;
        const value = r.Quantity * r.UnitPrice;
        if (cancel(r)) refunded.set(group(r), (refunded.get(group(r)) ?? 0) + Math.abs(value));
        else if (value > 0) paid.set(group(r), (paid.get(group(r)) ?? 0) + value);
      }
      const lines: OracleLine[] = [];
      for (const r of unique) {
        if (cancel(r)) continue;
        let amount = r.Quantity * r.UnitPrice;
        const ref = r.CustomerID === '' ? undefined : refunded.get(group(r));
        if (ref !== undefined && amount > 0) {
          const p = paid.get(group(r))!;
          if (p <= ref) continue;
          amount *= (p - ref) / p;
        }
        lines.push({
          customer: r.CustomerID,
          order: r.InvoiceNo,
          day: r.InvoiceDate.slice(0, 10),
          amount,
        });
      }
      await runFlow({
        file: { name: 'online_retail.csv', content: text },
        table: 'online_retail',
        fixes: ['duplicate-rows', 'cancelled'],
        lines,
      });
    },
    FLOW_MS,
  );

  it(
    '(d) a GBK export with Chinese headers and dates like 2024/1/5 8:26',
    async () => {
      const { bytes, rows } = chineseShop();
      const day = (t: string) => {
        const [y, m, d] = t.split(' ')[0]!.split('/');
        return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
      };
      await runFlow({
        file: { name: '订单导出.csv', content: [...bytes] },
        table: '订单导出',
        fixes: [],
        lines: rows.map((r) => ({
          customer: r.客户编号,
          order: r.订单编号,
          day: day(r.下单时间),
          amount: r.实付金额,
        })),
      });
    },
    FLOW_MS,
  );

  it(
    '(b) CDNOW_master: whitespace-separated, zero-padded ids, dates as 19970101',
    async () => {
      await runFlow({
        file: {
          name: 'CDNOW_master.txt',
          content: [...readFileSync(path.join(__dirname, '../fixtures/cdnow/CDNOW_master.txt'))],
        },
        table: 'cdnow_master',
        conversions: ['date'],
        fixes: [],
        lines: cdnowLines('CDNOW_master.txt', true),
      });
    },
    FLOW_MS,
  );

  it(
    '(c) CDNOW_sample: no header row; the analyst says what it holds',
    async () => {
      await runFlow({
        file: {
          name: 'CDNOW_sample.txt',
          content: [...readFileSync(path.join(__dirname, '../fixtures/cdnow/CDNOW_sample.txt'))],
        },
        table: 'cdnow_sample',
        conversions: ['column_3'],
        kind: {
          kind: 'orders',
          roles: { customerId: 'column_1', orderDate: 'column_3', amount: 'column_5' },
        },
        fixes: [],
        lines: cdnowLines('CDNOW_sample.txt', false),
      });
    },
    FLOW_MS,
  );

  it(
    '(e) an .xlsx whose numbers and dates are stored as text',
    async () => {
      const { bytes, rows } = textNumbersWorkbook();
      await runFlow({
        file: { name: 'erp_orders.xlsx', content: [...bytes] },
        table: 'erp_orders',
        convertAll: true,
        fixes: [],
        lines: rows.map((r) => ({
          customer: r.CustomerID,
          order: r.OrderNo,
          day: r.OrderDate,
          amount: Number(r.Amount),
        })),
      });
    },
    FLOW_MS,
  );
});
