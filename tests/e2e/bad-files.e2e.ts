import { readFileSync } from 'node:fs';
import path from 'node:path';
import { utils, write } from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { dropFiles, tableRow, typeAndRun, waitForNotebookRun, waitIdle } from './helpers';
import { serveDist, type StaticServer } from './static-server';

const BAD = path.join(__dirname, '../fixtures/bad');
const fixture = (name: string) => ({ name, content: [...readFileSync(path.join(BAD, name))] });

let server: StaticServer;
let s: Session;
/** Dialogs (alert, confirm) the page opened: an injected onerror handler would open one. */
const dialogs: string[] = [];

beforeAll(async () => {
  server = await serveDist('dist', { base: '/apps/seglab/' });
  s = await openSession();
  s.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});
afterAll(async () => {
  await s?.close();
  await server?.close();
});

const notices = (kind: 'error' | 'warning' | 'info') =>
  s.page.locator(`[data-testid=notice-${kind}]`).allInnerTexts();

async function dismissNotices(): Promise<void> {
  const buttons = s.page.locator('.notices button[aria-label=Dismiss]');
  while ((await buttons.count()) > 0) await buttons.first().click();
}

describe('real-world files dropped into one session', () => {
  it('starts with the sample data', async () => {
    await s.page.goto(server.url);
    await waitForNotebookRun(s.page);
    await expect.poll(() => tableRow(s.page, 'orders').innerText()).toContain('rows');
  });

  it('loads a GBK file saved by Chinese Excel with its Chinese header', async () => {
    await dropFiles(s.page, [fixture('gbk-declared-utf8.csv')]);
    const row = tableRow(s.page, 'gbk_declared_utf8');
    await expect.poll(() => row.innerText()).toContain('4 rows');
    await row.locator('button.toggle').click();
    expect(await row.locator('.columns li span').allInnerTexts()).toEqual([
      '客户ID',
      '订单日期',
      '金额',
    ]);
    expect(await row.getByTestId('encoding').inputValue()).toBe('gb18030');
    // The amounts ￥1,234.50 / (12.50) are text; the panel offers to read them as numbers.
    const amount = row.locator('[data-testid=suggestion][data-column="金额"]');
    expect(await amount.innerText()).toContain(
      '金额 looks like amounts with "." as the decimal point.',
    );
    await amount.getByTestId('convert').click();
    await expect
      .poll(() => row.locator('[data-testid=cleaning-step] span').allInnerTexts())
      .toEqual(['Read "金额" as amounts with "." as the decimal point']);
    await expect.poll(() => tableRow(s.page, 'gbk_declared_utf8__raw').count()).toBe(1);
    await expect
      .poll(() => row.locator('.columns li', { hasText: '金额' }).innerText())
      .toContain('DOUBLE');
    await row.locator('button.toggle').click();
  });

  it('gives each bad file a clear message naming it, and runs no script from column names', async () => {
    await dismissNotices();
    await dropFiles(s.page, [
      fixture('html-page.csv'),
      fixture('binary-junk.csv'),
      fixture('empty.csv'),
      fixture('zip-renamed.xlsx'),
      fixture('hostile-names.csv'),
    ]);
    await expect.poll(() => tableRow(s.page, 'hostile_names').count()).toBe(1);
    const errors = await notices('error');
    expect(errors).toHaveLength(4);
    expect(errors[0]).toContain('"html-page.csv" is a web page (HTML), not a data file.');
    expect(errors[1]).toContain('"binary-junk.csv" is not a text file');
    expect(errors[2]).toContain('"empty.csv" is empty');
    expect(errors[3]).toContain(
      '"zip-renamed.xlsx" is a ZIP archive of 2 file(s), not an Excel workbook.',
    );
    expect(errors[3]).toContain('data/orders.csv');
    const row = tableRow(s.page, 'hostile_names');
    await row.locator('button.toggle').click();
    expect(await row.locator('.columns li span').allInnerTexts()).toEqual([
      'a "quoted" name',
      '"; DROP TABLE x; --',
      '<img src=x onerror=alert(1)>',
    ]);
    expect(await s.page.locator('[data-testid=table-list] img').count()).toBe(0);
    await row.locator('button.toggle').click();
    await dismissNotices();
  });

  it('asks which sheet of a workbook to load', async () => {
    const book = utils.book_new();
    utils.book_append_sheet(
      book,
      utils.aoa_to_sheet([['Exported from the shop back-end']]),
      'Info',
    );
    const rows = [
      ['customer', 'amount'],
      ['C1', 10],
      ['C2', 20.5],
      ['C3', 30],
    ];
    utils.book_append_sheet(book, utils.aoa_to_sheet(rows), 'Orders 2024');
    const bytes = new Uint8Array(write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    await dropFiles(s.page, [{ name: 'q export.xlsx', content: [...bytes] }]);
    const picker = s.page.getByTestId('sheet-picker');
    await picker.waitFor();
    expect(await picker.locator('label').allInnerTexts()).toEqual([
      'Info\n1 rows × 1 columns',
      'Orders 2024\n4 rows × 2 columns',
    ]);
    expect(await picker.locator('input[value=Info]').isChecked()).toBe(true);
    await picker.locator('input[value="Orders 2024"]').check();
    await picker.getByTestId('load-sheet').click();
    await expect.poll(() => tableRow(s.page, 'q_export').innerText()).toContain('3 rows');
    expect(await picker.count()).toBe(0);
  });

  it('applies a quality fix as a visible step, then undoes it', async () => {
    await dropFiles(s.page, [
      {
        name: 'visits.csv',
        content: 'visitor,page,seconds\nv1,home,12\nv2,cart,40\nv3,home,5\nv2,cart,40\nv4,pay,9\n',
      },
    ]);
    const row = tableRow(s.page, 'visits');
    await expect.poll(() => row.innerText()).toContain('5 rows');
    const button = row.getByTestId('quality-button');
    await expect.poll(() => button.innerText()).toBe('⚠ Data issues: 1');
    await button.click();
    const report = s.page.getByTestId('quality-report');
    const finding = report.locator('[data-testid=finding][data-check=duplicate-rows]');
    expect(await finding.locator('h3').innerText()).toBe('Duplicate rows\n1 rows');
    expect(await finding.locator('tbody tr').allInnerTexts()).toEqual(['v2\tcart\t40\t2']);
    await finding.getByTestId('fix').click();
    await expect
      .poll(() => report.getByTestId('quality-summary').innerText())
      .toBe('4 rows · issues found: 0');
    expect(await report.getByTestId('steps-sql').innerText()).toContain('FROM "visits__raw"');
    await expect.poll(() => row.innerText()).toContain('4 rows');
    await expect.poll(() => tableRow(s.page, 'visits__raw').innerText()).toContain('5 rows');
    await report.getByTestId('remove-step').click();
    await expect.poll(() => row.innerText()).toContain('5 rows');
    await expect.poll(() => tableRow(s.page, 'visits__raw').count()).toBe(0);
    await expect
      // The checks run again in the background: 1.7 s on a slow 2-core VM (the e2e config
      // gives polls 10 s).
      .poll(() => report.getByTestId('quality-summary').innerText())
      .toBe('5 rows · issues found: 1');
    await s.page.keyboard.press('Escape');
    expect(await report.count()).toBe(0);
  });

  it('still runs queries on the sample orders and on the files loaded along the way', async () => {
    await waitIdle(s.page);
    await s.page.getByRole('button', { name: '+ SQL' }).last().dispatchEvent('click');
    const cells = s.page.locator('[data-testid=cell]');
    const index = (await cells.count()) - 1;
    const sampleRows =
      readFileSync(path.join(__dirname, '../../sample-data/orders.csv'), 'utf8')
        .trimEnd()
        .split('\n').length - 1;
    await typeAndRun(
      s.page,
      index,
      `SELECT (SELECT count(*) FROM orders) AS orders,
        (SELECT sum("金额") FROM gbk_declared_utf8) AS gbk,
        (SELECT max("<img src=x onerror=alert(1)>") FROM hostile_names) AS hostile`,
    );
    const cell = cells.nth(index);
    await expect
      .poll(() => cell.locator('tbody td').allInnerTexts())
      .toEqual(['1', String(sampleRows), '1310', '6']);
  });

  it('ran no injected script and logged no errors', () => {
    expect(dialogs).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
