import type { Labels } from '../domain/labels';
import { ROLE_LABELS, TABLE_KIND_LABELS, type Role, type TableMapping } from '../domain/roles';

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL.*)$/i;
const TEMPORAL = /^(DATE|TIMESTAMP.*)$/i;

/** Roles whose column must hold numbers, and those that must hold dates. */
const NUMERIC_ROLES: Role[] = [
  'amount',
  'quantity',
  'unitPrice',
  'discount',
  'satisfaction',
  'recencyDays',
  'orderCount',
  'totalSpend',
];
const DATE_ROLES: Role[] = [
  'orderDate',
  'interactionDate',
  'sentDate',
  'signupDate',
  'lastOrderDate',
  'firstOrderDate',
];

/**
 * The first mapped column whose DuckDB type cannot play its role (an amount held as text, an
 * order date that is not a date), in both languages; null when the types fit.
 * `types` maps column name -> DuckDB type name, as information_schema reports it.
 */
export function mappingTypeProblem(
  mapping: TableMapping,
  types: Record<string, string>,
): Labels | null {
  const kind = TABLE_KIND_LABELS[mapping.kind];
  for (const [role, column] of Object.entries(mapping.columns) as [Role, string][]) {
    const type = types[column];
    if (!type) continue;
    const label = ROLE_LABELS[role];
    if (NUMERIC_ROLES.includes(role) && !NUMERIC.test(type)) {
      return {
        en: `${kind.en} table "${mapping.table}": the ${label.en} column "${column}" holds ${type}, not numbers. Convert it (see the suggestions in the Tables panel) or choose another column.`,
        zh: `${kind.zh}表“${mapping.table}”：“${label.zh}”列“${column}”的类型是 ${type}，不是数字。请先转换（见“数据表”面板中的建议）或选择其他列。`,
      };
    }
    if (DATE_ROLES.includes(role) && !TEMPORAL.test(type)) {
      return {
        en: `${kind.en} table "${mapping.table}": the ${label.en} column "${column}" holds ${type}, not dates. Convert it (see the suggestions in the Tables panel) or choose another column.`,
        zh: `${kind.zh}表“${mapping.table}”：“${label.zh}”列“${column}”的类型是 ${type}，不是日期。请先转换（见“数据表”面板中的建议）或选择其他列。`,
      };
    }
  }
  return null;
}
