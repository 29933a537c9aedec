import { LAST_DAY, dateToDay, dayToDate } from './calendar.mjs';
import { byTime, makeOrder } from './orders.mjs';

/**
 * Marketing campaigns. `audience` picks who may receive one; a random 10% of the chosen are
 * held out as a control group and never get the message.
 */
export const CAMPAIGNS = [
  { id: 'CMP-2023-Q4-D11', sent: '2023-11-01', size: 3000, promotion: true, audience: 'all' },
  { id: 'CMP-2024-Q1-RET', sent: '2024-03-12', size: 2500, promotion: false, audience: 'lapsed' },
  { id: 'CMP-2024-Q2-618', sent: '2024-06-05', size: 3500, promotion: true, audience: 'all' },
  { id: 'CMP-2024-Q4-D11', sent: '2024-11-01', size: 4000, promotion: true, audience: 'all' },
];

const CONTROL_SHARE = 0.1;
/** A customer converted when they ordered within this many days after the message was sent. */
const CONVERSION_DAYS = 14;
/** Chance that a responder who can still buy places an order because of the message. */
const CONVERT_AFTER_RESPONSE = 0.6;

function lastOrderBefore(account, day) {
  let last = null;
  for (const order of account.orders) if (order.day < day) last = order.day;
  return last;
}

function spendInYearBefore(account, day) {
  let cents = 0;
  for (const order of account.orders) if (order.day < day && order.day >= day - 365) cents += order.amountCents;
  return cents;
}

/** Recent customers respond far more than lapsed ones; high spenders more than low ones. */
function responseChance(account, day, highSpend, promotion) {
  const last = lastOrderBefore(account, day);
  const recency = last === null ? Infinity : day - last;
  let p = recency <= 30 ? 0.3 : recency <= 90 ? 0.2 : recency <= 180 ? 0.1 : recency <= 365 ? 0.05 : 0.025;
  const spend = spendInYearBefore(account, day);
  if (spend >= highSpend) p *= 1.6;
  else if (spend === 0) p *= 0.7;
  if (promotion && account.customer.archetype.id === 'priceSensitive') p *= 1.4;
  return Math.min(0.7, p);
}

/** Archetypes whose story allows an extra order at this point in time. */
function canStillBuy(account, day) {
  const { id } = account.customer.archetype;
  if (id === 'prospect' || id === 'oneOff') return false;
  return day >= account.activeFrom && day <= account.activeTo;
}

function chooseAudience(rng, accounts, campaign, day) {
  let eligible = accounts.filter((a) => a.customer.signupDay < day);
  if (campaign.audience === 'lapsed') {
    eligible = eligible.filter((a) => {
      const last = lastOrderBefore(a, day);
      return last !== null && day - last > 60;
    });
  }
  return rng.sample(eligible, campaign.size);
}

/** The upper quartile of trailing-year spend among the audience's buyers. */
function highSpendThreshold(audience, day) {
  const spends = audience
    .map((a) => spendInYearBefore(a, day))
    .filter((s) => s > 0)
    .sort((a, b) => a - b);
  return spends.length ? spends[Math.floor(spends.length * 0.75)] : Infinity;
}

/**
 * Sends every campaign, adds the orders that responders place because of it, and returns one
 * row per recipient. Runs after all ordinary orders exist, since response depends on them.
 * @param {import('./orders.mjs').Account[]} accounts
 */
export function runCampaigns(rng, accounts) {
  const rows = [];
  for (const campaign of CAMPAIGNS) {
    const day = dateToDay(campaign.sent);
    const audience = chooseAudience(rng, accounts, campaign, day);
    const highSpend = highSpendThreshold(audience, day);
    const sent = audience.map((account) => {
      const control = rng.chance(CONTROL_SHARE);
      const p = responseChance(account, day, highSpend, campaign.promotion);
      const responded = !control && rng.chance(p);
      if (responded && canStillBuy(account, day) && rng.chance(CONVERT_AFTER_RESPONSE)) {
        const orderDay = Math.min(LAST_DAY, day + rng.int(0, 10));
        account.orders.push(makeOrder(rng, account, orderDay, campaign.promotion));
        account.orders.sort(byTime);
      }
      return { account, control, responded };
    });
    const lastDay = day + CONVERSION_DAYS;
    for (const { account, control, responded } of sent) {
      const converted = account.orders.some((o) => o.day >= day && o.day <= lastDay);
      rows.push({
        campaign_id: campaign.id,
        customer_id: account.customer.id,
        sent_date: dayToDate(day),
        responded: responded ? 1 : 0,
        converted: converted ? 1 : 0,
        control: control ? 1 : 0,
      });
    }
  }
  return rows;
}
