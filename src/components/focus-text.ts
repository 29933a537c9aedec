import { pick, type Lang } from '../domain/labels';
import type { MessageKey } from '../i18n/translate';
import type { Focus } from '../sql/focus-filter';
import { formatNumber } from './format-number';

/**
 * A focus as the "filtered by" chip writes it: "Core · Province 广东 · Spend 120–900 · Orders
 * 2–5". Also the name of the focused customers where a tab shows them as one group.
 */
export function focusText(focus: Focus, t: (key: MessageKey) => string, lang: Lang): string {
  const range = (min: number, max: number) =>
    `${formatNumber(min, lang)}–${formatNumber(max, lang)}`;
  return [
    ...(focus.segment !== undefined ? [focus.segment] : []),
    ...(focus.place ? [`${t(`geo.${focus.place.level}`)} ${focus.place.value}`] : []),
    ...(focus.ranges ?? []).map((r) => `${pick(r.label, lang)} ${range(r.min, r.max)}`),
  ].join(' · ');
}
