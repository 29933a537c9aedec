import type { Labels } from './labels';
import { REQUIRED_ROLES, ROLE_LABELS, TABLE_KIND_LABELS, type TableMapping } from './roles';

/**
 * What keeps a table's role mapping from being used, in both languages; null when it is
 * usable. An orders table may give Quantity and Unit price instead of Amount.
 */
export function mappingProblem(mapping: TableMapping): Labels | null {
  const kind = TABLE_KIND_LABELS[mapping.kind];
  if (!kind || !mapping.table) {
    return { en: 'Choose a table and what it holds.', zh: '请选择数据表及其类型。' };
  }
  const { columns } = mapping;
  const priced = Boolean(columns.quantity && columns.unitPrice);
  const missing = REQUIRED_ROLES[mapping.kind].find(
    (role) =>
      !columns[role] &&
      !(role === 'amount' && priced) &&
      !(role === 'lastOrderDate' && columns.recencyDays),
  );
  if (!missing) return null;
  const role = ROLE_LABELS[missing];
  const amount = missing === 'amount';
  const recency = missing === 'lastOrderDate';
  const days = ROLE_LABELS.recencyDays;
  return {
    en: `${kind.en} table "${mapping.table}": choose the ${role.en} column${amount ? ', or both Quantity and Unit price' : ''}${recency ? `, or ${days.en}` : ''}.`,
    zh: `${kind.zh}表“${mapping.table}”：请选择“${role.zh}”列${amount ? '，或同时选择“数量”和“单价”列' : ''}${recency ? `，或“${days.zh}”列` : ''}。`,
  };
}
