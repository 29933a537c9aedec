import { translate } from '../i18n/translate';
import type { Lang } from '../domain/labels';

/** What the data said about churn (see src/sql/churn-days.ts). */
interface Derived {
  days: number | null;
  shorterShare: number | null;
}

/**
 * The sentence stating the notebook's churn definition and where it comes from: the data's
 * repeat-purchase gaps, the user's setting, the default before the data has said anything, or the
 * fallback when nobody bought twice.
 */
export function churnText(
  lang: Lang,
  days: number,
  setting: number | undefined,
  derived: Derived | null,
): string {
  if (setting !== undefined) {
    return derived?.days != null && derived.days !== setting
      ? translate(lang, 'churn.custom', { days, derived: derived.days })
      : translate(lang, 'churn.fromData', { days, share: share(lang, derived, days) });
  }
  // Not worked out yet (orders still loading), or no orders to work it out from (a summary).
  if (derived === null) return translate(lang, 'churn.pending', { days });
  if (derived.days === null) return translate(lang, 'churn.fallback', { days });
  return translate(lang, 'churn.fromData', { days, share: share(lang, derived, days) });
}

function share(lang: Lang, derived: Derived | null, days: number): string {
  const s = derived?.days === days ? derived.shorterShare : null;
  if (s === null) return '—';
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(s);
}
