/**
 * Days are counted from 2023-01-01 (day 0) to 2024-12-31 (day 730), in UTC so the output never
 * depends on the machine's time zone. Order dates follow a shopping calendar: Double 11 and 618
 * peaks, a Spring Festival dip, busier weekends for shoppers and quiet ones for companies.
 */

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2023, 0, 1);

export const FIRST_DAY = 0;
export const LAST_DAY = 730;

export function dayToDate(day) {
  return new Date(EPOCH + day * DAY_MS).toISOString().slice(0, 10);
}

export function dateToDay(date) {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - EPOCH) / DAY_MS);
}

const SPRING_FESTIVALS = ['2023-01-22', '2024-02-10'].map(dateToDay);

/** 0 = Sunday. 2023-01-01 was a Sunday. */
function weekday(day) {
  return ((day % 7) + 7) % 7;
}

/** How much busier than usual a day is because of a shopping festival (1 = ordinary). */
function promoLift(date) {
  const md = date.slice(5);
  if (md === '11-11') return 7;
  if (md >= '11-01' && md <= '11-10') return 1.8;
  if (md === '11-12' || md === '11-13') return 1.3;
  if (md === '06-18') return 3.5;
  if (md >= '06-01' && md <= '06-17') return 1.4;
  if (md === '12-12') return 2;
  return 1;
}

export function isPromoDay(day) {
  return promoLift(dayToDate(day)) > 1;
}

function dayWeight(day, profile) {
  const date = dayToDate(day);
  const dow = weekday(day);
  const weekend = dow === 0 || dow === 6;
  // Slow growth over the two years.
  let w = 1 + (0.15 * day) / LAST_DAY;
  const nearFestival = SPRING_FESTIVALS.some((f) => day >= f - 7 && day <= f + 8);
  if (profile === 'business') {
    if (weekend) w *= 0.08;
    if (nearFestival) w *= 0.15;
    if (date.slice(5) >= '12-01') w *= 1.3; // year-end budgets
    return w;
  }
  if (weekend) w *= 1.15;
  if (nearFestival) w *= 0.4;
  const lift = promoLift(date);
  return w * (profile === 'bargain' ? lift * lift : lift);
}

/** Cumulative day weights per profile, built once. */
const cumulativeByProfile = new Map();

function cumulative(profile) {
  let table = cumulativeByProfile.get(profile);
  if (!table) {
    table = [];
    let total = 0;
    for (let d = FIRST_DAY; d <= LAST_DAY; d++) {
      total += dayWeight(d, profile);
      table.push(total);
    }
    cumulativeByProfile.set(profile, table);
  }
  return table;
}

/**
 * A day in [from, to] (clamped to the two years), weighted by the shopping calendar.
 * @param {'consumer' | 'bargain' | 'business'} profile
 */
export function sampleDay(rng, from, to, profile) {
  const table = cumulative(profile);
  const lo = Math.max(FIRST_DAY, from);
  const hi = Math.min(LAST_DAY, to);
  const base = lo > 0 ? table[lo - 1] : 0;
  const target = base + rng.next() * (table[hi] - base);
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (table[mid] > target) b = mid;
    else a = mid + 1;
  }
  return a;
}

// Relative order volume per hour of the day.
const SHOPPER_HOURS = [
  0.6, 0.3, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 1, 1.4, 1.8, 1.9, 1.7, 1.5, 1.5, 1.5, 1.5, 1.5, 1.6,
  1.9, 2.3, 2.5, 2, 1.3,
];
const OFFICE_HOURS = SHOPPER_HOURS.map((_, h) => (h >= 9 && h <= 17 ? (h === 12 ? 0.5 : 1) : 0));
const STORE_HOURS = SHOPPER_HOURS.map((w, h) => (h >= 10 && h <= 21 ? w : 0));

function pickHour(rng, weights) {
  const total = weights.reduce((a, b) => a + b, 0);
  let target = rng.next() * total;
  for (let h = 0; h < 24; h++) {
    target -= weights[h];
    if (target < 0) return h;
  }
  return 23;
}

const pad = (n) => String(n).padStart(2, '0');

/**
 * A local shop time on `day`, as `YYYY-MM-DD HH:MM:SS`.
 * @param {'shopper' | 'office' | 'store'} pattern
 */
export function sampleDateTime(rng, day, pattern) {
  let weights = pattern === 'office' ? OFFICE_HOURS : pattern === 'store' ? STORE_HOURS : SHOPPER_HOURS;
  // Double 11 sales open at midnight.
  if (pattern === 'shopper' && dayToDate(day).endsWith('-11-11')) {
    weights = weights.map((w, h) => (h === 0 ? 8 : w));
  }
  const hour = pickHour(rng, weights);
  return `${dayToDate(day)} ${pad(hour)}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}`;
}
