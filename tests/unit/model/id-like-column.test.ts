import { describe, expect, it } from 'vitest';
import { isCodeValue, isIdLikeColumn, isIdLikeName } from '../../../src/model/id-like-column';

describe('isIdLikeName', () => {
  it('knows identifier headers in English and Chinese', () => {
    const ids = [
      'InvoiceNo',
      'StockCode',
      'CustomerID',
      'customer_id',
      'Order Number',
      'invoiceno',
      'stockcode',
      'SKU',
      'phone',
      '发票号',
      '商品编码',
      '订单编号',
      '单号',
      '手机号码',
      '客户ID',
      '产品代码',
    ];
    for (const h of ids) expect(isIdLikeName(h), h).toBe(true);
  });

  it('leaves amounts, counts and names alone', () => {
    const others = [
      'Amount',
      'UnitPrice',
      'paid',
      'amount_paid',
      'Number of CDs',
      'number_of_orders',
      'Quantity',
      '金额',
      '实付金额',
      '数量',
      '单价',
      'Description',
      'total',
    ];
    for (const h of others) expect(isIdLikeName(h), h).toBe(false);
  });
});

describe('isCodeValue and isIdLikeColumn', () => {
  it('tells letter codes from numbers and money', () => {
    for (const v of ['C536379', '85123A', 'INV-0042', ' C536380 '])
      expect(isCodeValue(v), v).toBe(true);
    for (const v of ['536379', '12.50', 'USD120', '120CNY', '¥1,234', 'N/A', 'A1']) {
      expect(isCodeValue(v), v).toBe(false);
    }
    expect(isIdLikeColumn('ref', ['536365', 'C536379'])).toBe(true);
    expect(isIdLikeColumn('value', ['536365', '12.5'])).toBe(false);
  });
});
