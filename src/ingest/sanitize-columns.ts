import type { Labels } from '../domain/labels';
import { LoadError } from './load-error';

/** More columns than this and SegLab refuses the file: no segmentation needs them. */
export const MAX_COLUMNS = 2000;
/** More columns than this load, with a warning that previews and mapping get slow. */
export const WIDE_COLUMNS = 500;
/** Longer names (a pasted paragraph, a whole line read as one header) are cut. */
export const MAX_NAME_LENGTH = 200;

export interface ColumnRename {
  /** 0-based position in the file. */
  index: number;
  from: string;
  to: string;
}

export interface SanitizedColumns {
  names: string[];
  renamed: ColumnRename[];
  warnings: Labels[];
}

/**
 * Turns a file's header cells into usable, unique column names: trimmed, blanks named
 * `column_N` (N counts from 1), repeats numbered `name_2`, `name_3`. DuckDB compares names
 * without case, so `Amount` and `amount` count as a repeat. Names are kept as data otherwise,
 * quotes and markup included; SQL must quote them with `ident`, and views must escape them.
 */
export function sanitizeColumns(
  raw: readonly (string | null | undefined)[],
  file: string,
): SanitizedColumns {
  if (raw.length > MAX_COLUMNS) throw tooManyColumns(raw.length, file);
  const base = raw.map((name, i) => {
    const clean = (name ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
    return clean === '' ? `column_${i + 1}` : clean;
  });
  const wanted = new Set(base.map((n) => n.toLowerCase()));
  const used = new Set<string>();
  const names = base.map((name) => {
    let unique = name;
    for (let k = 2; used.has(unique.toLowerCase()); k++) {
      unique = `${name}_${k}`;
      if (wanted.has(unique.toLowerCase())) unique = name;
    }
    used.add(unique.toLowerCase());
    return unique;
  });
  const renamed = names.flatMap((to, index) => {
    const from = raw[index] ?? '';
    return to === from ? [] : [{ index, from, to }];
  });
  return { names, renamed, warnings: warningsFor(names.length, renamed, file) };
}

function warningsFor(count: number, renamed: ColumnRename[], file: string): Labels[] {
  const warnings: Labels[] = [];
  const visible = renamed.filter((r) => r.from.trim() !== r.to);
  if (visible.length > 0) {
    const list = visible
      .slice(0, 5)
      .map((r) => `${r.index + 1}: "${r.from}" → "${r.to}"`)
      .join(', ');
    const more = visible.length > 5 ? ' …' : '';
    warnings.push({
      en: `"${file}": ${visible.length} column name(s) were blank, repeated or too long and were renamed (column ${list}${more}). Rename them in the file if you prefer other names.`,
      zh: `“${file}”：有 ${visible.length} 个列名为空、重复或过长，已重命名（第 ${list}${more} 列）。如需其他名称，请在文件中修改列名。`,
    });
  }
  if (count > WIDE_COLUMNS) {
    warnings.push({
      en: `"${file}" has ${count} columns. Previews and column mapping may be slow; consider removing columns you do not need.`,
      zh: `“${file}”有 ${count} 列，预览和字段映射可能较慢；建议删除用不到的列。`,
    });
  }
  return warnings;
}

/** The file has more columns than SegLab reads. */
export function tooManyColumns(count: number, file: string): LoadError {
  return new LoadError({
    code: 'too-many-columns',
    file,
    messages: {
      en: `"${file}" has ${count} columns; SegLab reads at most ${MAX_COLUMNS}.`,
      zh: `“${file}”有 ${count} 列，SegLab 最多读取 ${MAX_COLUMNS} 列。`,
    },
    hint: {
      en: 'Delete the columns you do not need (keep customer ID, dates, amounts and attributes), or check the file is not transposed, then load it again.',
      zh: '请删除用不到的列（保留客户 ID、日期、金额和属性列），或检查表格是否行列颠倒，然后重新加载。',
    },
  });
}
