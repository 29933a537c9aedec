import { LAST_DAY, dayToDate } from './calendar.mjs';

/**
 * Expected complaints, feedback and referrals per customer over the two years, and the mean
 * satisfaction of their feedback. Churners complain shortly before they leave.
 */
const HABITS = {
  loyal: { complaint: 0.25, feedback: 1.4, referral: 0.7, satisfaction: 4.4 },
  regular: { complaint: 0.25, feedback: 0.6, referral: 0.15, satisfaction: 3.9 },
  oneOff: { complaint: 0.12, feedback: 0.15, referral: 0.03, satisfaction: 3.4 },
  churner: { complaint: 0.9, feedback: 0.4, referral: 0.03, satisfaction: 2.8 },
  new: { complaint: 0.1, feedback: 0.3, referral: 0.05, satisfaction: 3.9 },
  priceSensitive: { complaint: 0.5, feedback: 0.4, referral: 0.05, satisfaction: 3.5 },
  brandLoyal: { complaint: 0.15, feedback: 0.7, referral: 0.35, satisfaction: 4.3 },
  bigTicket: { complaint: 0.4, feedback: 0.5, referral: 0.1, satisfaction: 3.8 },
  prospect: { complaint: 0, feedback: 0.05, referral: 0, satisfaction: 3.6 },
};

const COMPLAINT_SCORES = [1, 1, 1, 1, 1, 2, 2, 2, 2, 3];

const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function clampDay(day, from) {
  return Math.min(LAST_DAY, Math.max(from, day));
}

/**
 * @param {import('./orders.mjs').Account[]} accounts
 */
export function buildInteractions(rng, accounts) {
  const rows = [];
  for (const { customer, orders } of accounts) {
    const habits = HABITS[customer.archetype.id];
    let from;
    let to;
    if (orders.length) {
      from = orders[0].day;
      to = Math.min(LAST_DAY, orders[orders.length - 1].day + 45);
    } else {
      from = Math.max(0, customer.signupDay);
      to = LAST_DAY;
    }
    if (from > LAST_DAY) continue;
    const add = (day, kind, satisfaction) =>
      rows.push({ customer_id: customer.id, day: clampDay(day, from), kind, satisfaction });

    const lastOrder = orders.length ? orders[orders.length - 1].day : from;
    for (let i = rng.poisson(habits.complaint); i > 0; i--) {
      const day =
        customer.archetype.id === 'churner'
          ? lastOrder + rng.int(-45, 15)
          : rng.int(from, to);
      add(day, 'complaint', rng.pick(COMPLAINT_SCORES));
    }
    for (let i = rng.poisson(habits.feedback); i > 0; i--) {
      const score = Math.round(habits.satisfaction + 0.8 * rng.normal());
      add(rng.int(from, to), 'feedback', Math.min(5, Math.max(1, score)));
    }
    for (let i = rng.poisson(habits.referral); i > 0; i--) {
      add(rng.int(from, to), 'referral', '');
    }
  }
  rows.sort(
    (a, b) => a.day - b.day || compare(a.customer_id, b.customer_id) || compare(a.kind, b.kind),
  );
  return rows.map(({ day, ...row }) => ({ ...row, date: dayToDate(day) }));
}
