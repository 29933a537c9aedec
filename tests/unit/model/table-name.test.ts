import { describe, expect, it } from 'vitest';
import { checkTableName, tableNameFor } from '../../../src/model/table-name';

describe('tableNameFor', () => {
  it('sanitises file names into identifiers', () => {
    expect(tableNameFor('Orders 2024 (final).CSV', [])).toBe('orders_2024_final');
    expect(tableNameFor('2024-sales.parquet', [])).toBe('t_2024_sales');
    expect(tableNameFor('客户 名单.xlsx', [])).toBe('客户_名单');
    expect(tableNameFor('.csv', [])).toBe('table');
    // Names SegLab or DuckDB use themselves are never given to a file.
    expect(tableNameFor('customer_features.csv', [])).toBe('t_customer_features');
    expect(tableNameFor('orders__raw.csv', [])).toBe('t_orders_raw');
    expect(tableNameFor('duckdb_settings.parquet', [])).toBe('t_duckdb_settings');
  });

  it('never reuses a taken name', () => {
    expect(tableNameFor('orders.csv', ['Orders', 'orders_2'])).toBe('orders_3');
  });
});

describe('checkTableName', () => {
  it('flags unusable names', () => {
    expect(checkTableName('  ')).toBe('empty');
    expect(checkTableName('__seglab_cell_1')).toBe('reserved');
    expect(checkTableName('x'.repeat(64))).toBe('too-long');
    expect(checkTableName('customer_features')).toBe('reserved');
    expect(checkTableName('orders__raw')).toBe('reserved');
    expect(checkTableName('top customers')).toBeNull();
  });
});
