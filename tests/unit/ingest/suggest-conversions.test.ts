import { describe, expect, it } from 'vitest';
import { previewConversion } from '../../../src/ingest/conversion-preview';
import { conversionSql } from '../../../src/sql/conversion';
import type { ConversionRule } from '../../../src/domain/cleaning-step';
import { isConversionCandidate, suggestConversion } from '../../../src/ingest/suggest-conversions';
import { isIdLikeColumn } from '../../../src/model/id-like-column';

describe('suggestConversion', () => {
  it('finds mixed Chinese-export dates in a text column', () => {
    const s = suggestConversion('订单日期', 'VARCHAR', [
      '2024/1/5',
      '2024/1/6',
      '2024年1月7日',
      '2024/1/8',
    ]);
    expect(s).toMatchObject({
      column: '订单日期',
      rule: { to: 'date', patterns: ['ymd-slash', 'ymd-cjk'], hasTime: false },
      sampled: 4,
      parsed: 4,
      ambiguous: false,
    });
  });

  it('keeps the time of day when values have one, and flags day/month ambiguity', () => {
    expect(suggestConversion('ts', 'VARCHAR', ['2024-01-05 10:00', '2024-01-06'])?.rule).toEqual({
      to: 'date',
      patterns: ['ymd-dash'],
      hasTime: true,
    });
    const ambiguous = suggestConversion('day', 'VARCHAR', ['01/02/2024', '03/04/2024']);
    expect(ambiguous).toMatchObject({ rule: { patterns: ['mdy'] }, ambiguous: true });
    const dayFirst = suggestConversion('day', 'VARCHAR', ['13/02/2024', '03/04/2024']);
    expect(dayFirst).toMatchObject({ rule: { patterns: ['dmy'] }, ambiguous: false });
  });

  it('reads compact and Excel serial dates only in date-named columns', () => {
    expect(suggestConversion('order_date', 'BIGINT', ['20240105', '20240106'])?.rule).toEqual({
      to: 'date',
      patterns: ['ymd-compact'],
      hasTime: false,
    });
    expect(suggestConversion('下单日期', 'DOUBLE', ['45296', '45297.4375'])?.rule).toMatchObject({
      patterns: ['excel-serial'],
      hasTime: true,
    });
    expect(suggestConversion('zip', 'VARCHAR', ['45296', '45297'])).toBeNull();
    expect(suggestConversion('quantity', 'BIGINT', ['20240105'])).toBeNull();
  });

  it('finds amounts written for people: currency, thousands, parentheses, percent', () => {
    const s = suggestConversion('金额', 'VARCHAR', ['￥1,234.50', '88', '(12.50)', '0']);
    expect(s).toMatchObject({ rule: { to: 'amount', decimal: '.' }, parsed: 4 });
    expect(suggestConversion('betrag', 'VARCHAR', ['1.234,50', '99,9'])?.rule).toEqual({
      to: 'amount',
      decimal: ',',
    });
    expect(suggestConversion('rate', 'VARCHAR', ['12%', '3.5%'])?.rule).toEqual({
      to: 'amount',
      decimal: '.',
    });
  });

  it('suggests amounts for numbers kept as text by a few misfits, but leaves ids and codes alone', () => {
    const values = [...Array.from({ length: 20 }, (_, i) => String(i * 3)), 'N/A'];
    expect(suggestConversion('amount', 'VARCHAR', values)).toMatchObject({
      rule: { to: 'amount' },
      parsed: 20,
      sampled: 21,
    });
    expect(suggestConversion('customer_id', 'VARCHAR', [...values])).toBeNull();
    expect(suggestConversion('phone', 'VARCHAR', ['13800138000', '13900139000'])).toBeNull();
    expect(suggestConversion('name', 'VARCHAR', ['Alice', 'Bob'])).toBeNull();
    expect(suggestConversion('amount', 'DOUBLE', ['1.5'])).toBeNull();
  });

  it('never suggests an identifier column as amounts, by its name or by codes among its values', () => {
    // Invoice numbers with a few cancellations (C536379): converting would blank those.
    const invoices = [...Array.from({ length: 30 }, (_, i) => String(536365 + i)), 'C536379'];
    for (const name of ['发票号', 'InvoiceNo', 'invoice_number', '订单编号', 'Bill No.', 'ref']) {
      expect(suggestConversion(name, 'VARCHAR', invoices), name).toBeNull();
    }
    // Stock codes: mostly digits, some with a letter after them.
    const codes = [...Array.from({ length: 30 }, (_, i) => String(84000 + i)), '85123A'];
    for (const name of ['商品编码', 'StockCode', 'stockcode', 'item']) {
      expect(suggestConversion(name, 'VARCHAR', codes), name).toBeNull();
    }
    // The same digits with N/A as the misfit, in an amount-named column, are amounts.
    const amounts = [...invoices.slice(0, 30), 'N/A'];
    expect(suggestConversion('销售额', 'VARCHAR', amounts)?.rule.to).toBe('amount');
    // Money with a currency code is not a code.
    expect(suggestConversion('paid', 'VARCHAR', ['USD120', 'USD45', '80'])?.rule.to).toBe('amount');
  });

  it('finds plain numbers stored as text in any column that is not an identifier', () => {
    const numbers = ['6', '12', '1', '24', '-3'];
    expect(suggestConversion('Quantity', 'VARCHAR', numbers)?.rule).toEqual({
      to: 'amount',
      decimal: '.',
    });
    expect(suggestConversion('数量', 'VARCHAR', numbers)).not.toBeNull();
    expect(suggestConversion('paid', 'VARCHAR', ['1.5', '2'])).not.toBeNull();
    expect(suggestConversion('hotel_nights', 'VARCHAR', numbers)).not.toBeNull();
    expect(suggestConversion('number_of_items', 'VARCHAR', numbers)).not.toBeNull();
    for (const id of [
      'InvoiceNo',
      'Invoice No.',
      'StockCode',
      'CustomerID',
      'customer_id',
      'order number',
      '发票号',
      '商品编码',
      '客户编号',
      '订单单号',
      'customerid',
      'invoiceno',
      'Tel',
      'phone_number',
    ]) {
      expect(suggestConversion(id, 'VARCHAR', numbers), id).toBeNull();
    }
    // By value: letter-prefixed invoices among the numbers, and zero-padded codes.
    expect(suggestConversion('Invoice', 'VARCHAR', ['536365', '536366', 'C536379'])).toBeNull();
    expect(suggestConversion('ref', 'VARCHAR', ['00001', '00002', '00003'])).toBeNull();
    expect(isIdLikeColumn('ref', ['SKU-10023'])).toBe(true);
    expect(isIdLikeColumn('Quantity', ['0', '05', '12', '7'])).toBe(false);
  });

  it('needs 80% of the sample to read', () => {
    const mostlyText = ['2024/1/5', 'soon', 'later', 'never', 'unknown'];
    expect(suggestConversion('when', 'VARCHAR', mostlyText)).toBeNull();
    expect(suggestConversion('when', 'VARCHAR', [])).toBeNull();
    expect(isConversionCandidate('when', 'VARCHAR')).toBe(true);
    expect(isConversionCandidate('amount', 'DOUBLE')).toBe(false);
    expect(isConversionCandidate('created_at', 'BIGINT')).toBe(true);
  });
});

describe('previewConversion and conversionSql', () => {
  it('preview what the SQL gives', () => {
    const date: ConversionRule = { to: 'date', patterns: ['ymd-cjk', 'dmy'], hasTime: false };
    expect(previewConversion(date, '2024年1月7日')).toBe('2024-01-07');
    expect(previewConversion(date, '13/02/2024')).toBe('2024-02-13');
    expect(previewConversion(date, 'bad')).toBeNull();
    expect(
      previewConversion({ ...date, patterns: ['ymd-dash'], hasTime: true }, '2024-01-05 10:30'),
    ).toBe('2024-01-05 10:30:00');
    expect(previewConversion({ to: 'amount', decimal: ',' }, '1.234,50 €')).toBe('1234.5');
    expect(conversionSql({ to: 'amount', decimal: '.' }, '"a"')).toContain('CAST("a" AS VARCHAR)');
    // Unknown patterns from a damaged notebook are dropped, not pasted into SQL.
    expect(
      conversionSql({ to: 'date', patterns: ["x'); DROP TABLE t; --"], hasTime: false }, '"d"'),
    ).toBe('CAST(CAST(NULL AS TIMESTAMP) AS DATE)');
  });
});

describe('suggestConversion on a file without a header', () => {
  it('reads 8-digit days of an unnamed column as dates, never small numbers', () => {
    expect(
      suggestConversion('column_3', 'BIGINT', ['19970101', '19970118', '19970802'])?.rule,
    ).toMatchObject({ to: 'date', patterns: ['ymd-compact'] });
    expect(suggestConversion('column_4', 'BIGINT', ['2', '2', '1', '5'])).toBeNull();
    expect(suggestConversion('column_9', 'BIGINT', ['45296', '45300'])).toBeNull();
    expect(suggestConversion('code', 'BIGINT', ['19970101', '19970118'])).toBeNull();
  });
});
