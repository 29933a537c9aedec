import { LocalizedError } from '../domain/localized-error';
/** A table or column name the caller must give. */
export function requireName(value: unknown, en: string, zh: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new LocalizedError({ en: `Choose the ${en}.`, zh: `请选择${zh}。` });
  }
  return value;
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function requireDate(value: unknown, en: string, zh: string): string {
  const text = typeof value === 'string' ? value : '';
  const parsed = new Date(`${text}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(text) ||
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== text
  ) {
    throw new LocalizedError({
      en: `The ${en} must be a date like 2024-06-30, not "${String(value)}".`,
      zh: `${zh}必须是 2024-06-30 这样的日期，而不是“${String(value)}”。`,
    });
  }
  return text;
}

/** A whole number within [min, max]. */
export function requireInteger(
  value: unknown,
  min: number,
  max: number,
  en: string,
  zh: string,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new LocalizedError({
      en: `The ${en} must be a whole number from ${min} to ${max}, not ${String(value)}.`,
      zh: `${zh}必须是 ${min} 到 ${max} 之间的整数，而不是 ${String(value)}。`,
    });
  }
  return value;
}
