/** How a typed share was read: as a percentage (90, 90%) or as a fraction (0.9). */
export interface ReadShare {
  value: number;
  as: 'percent' | 'fraction';
}

/**
 * A share typed the way people type one: "90", "90%" and "0.9" all mean 0.9. A number above 1
 * (or with a % sign) is a percentage; 1 itself is the whole. Null when it is not a number from
 * 0 to 100%.
 */
export function parseShare(text: string): ReadShare | null {
  const t = text.trim().replace(/，/g, ',').replace(/％/g, '%');
  const percent = t.endsWith('%');
  const body = (percent ? t.slice(0, -1) : t).trim();
  if (!/^[+]?(\d+(\.\d*)?|\.\d+)$/.test(body)) return null;
  const n = Number(body);
  if (!Number.isFinite(n)) return null;
  if (percent || n > 1) return n <= 100 ? { value: n / 100, as: 'percent' } : null;
  return { value: n, as: 'fraction' };
}
