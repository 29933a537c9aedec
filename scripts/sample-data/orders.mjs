import { BARGAIN_CATEGORIES, BULK_CATEGORIES, CATEGORIES, pickCategory } from './catalog.mjs';
import { LAST_DAY, dateToDay, isPromoDay, sampleDateTime, sampleDay } from './calendar.mjs';

const LAST_QUARTER = dateToDay('2024-10-01');

/**
 * @typedef {object} Order
 * @property {string} customerId
 * @property {number} day
 * @property {string} datetime YYYY-MM-DD HH:MM:SS
 * @property {number} amountCents paid, after the discount
 * @property {number} discountCents
 * @property {string} category
 * @property {string} brand
 * @property {number} quantity
 *
 * @typedef {object} Account a customer with their buying habits and orders
 * @property {import('./customers.mjs').Customer} customer
 * @property {ReturnType<typeof createShopper>} shopper
 * @property {number} activeFrom first day the customer may order
 * @property {number} activeTo last day the customer may order
 * @property {Order[]} orders
 */

/** Habits that stay fixed for one customer across all their orders. */
function createShopper(rng, customer) {
  const { archetype } = customer;
  const bigTicket = archetype.id === 'bigTicket';
  const pool = bigTicket ? BULK_CATEGORIES : archetype.id === 'priceSensitive' ? BARGAIN_CATEGORIES : null;
  const favorite = () => (pool ? rng.pick(pool) : pickCategory(rng));
  const favorites = [favorite(), favorite()];
  const favoriteBrands = new Map(CATEGORIES.map((c) => [c.name, rng.pick(c.brands)]));
  const loyalCategory = archetype.brandLoyal ? favorites[0] : null;
  let time = 'shopper';
  if (customer.type === 'enterprise') time = 'office';
  else if (customer.channel === 'offline') time = 'store';
  return {
    spend: rng.lognormal(archetype.spend, 0.45),
    pool,
    favorites,
    favoriteBrands,
    loyal: loyalCategory && { category: loyalCategory, brand: favoriteBrands.get(loyalCategory.name) },
    time,
  };
}

function activeWindow(rng, customer) {
  const { archetype, signupDay } = customer;
  const lag = rng.chance(0.4) ? 0 : Math.min(200, Math.round(rng.lognormal(10, 1)));
  let from = Math.min(LAST_DAY, Math.max(0, signupDay + lag));
  let to = LAST_DAY;
  if (archetype.window === 'lastQuarter') from = Math.min(LAST_DAY, Math.max(LAST_QUARTER, from));
  if (archetype.window === 'churn') to = Math.max(from + 30, rng.int(...archetype.churn));
  return { from, to };
}

function orderCount(rng, customer, from, to) {
  const { orders } = customer.archetype;
  let n = Math.round(rng.lognormal(orders.median, orders.sigma));
  if (orders.scaled) n = Math.round((n * (to - from + 1)) / (LAST_DAY + 1));
  return Math.min(orders.max, Math.max(orders.min, n));
}

/** Rounds a price to whole yuan, sometimes ending in .90 or .99, in cents. */
function shelfPrice(rng, yuan) {
  const cents = Math.max(2, Math.round(yuan)) * 100;
  const r = rng.next();
  return r < 0.25 ? cents - 10 : r < 0.4 ? cents - 1 : cents;
}

/**
 * One order on `day`. `promotion` forces the promotional discount chance, as during a campaign.
 * @param {Account} account
 * @returns {Order}
 */
export function makeOrder(rng, account, day, promotion = false) {
  const { customer, shopper } = account;
  const { archetype } = customer;
  let category;
  let brand;
  if (shopper.loyal && rng.chance(archetype.brandLoyal)) {
    ({ category, brand } = shopper.loyal);
  } else {
    if (rng.chance(0.6)) category = rng.pick(shopper.favorites);
    else category = shopper.pool ? rng.pick(shopper.pool) : pickCategory(rng);
    brand = rng.chance(0.45) ? shopper.favoriteBrands.get(category.name) : rng.pick(category.brands);
  }

  let quantity;
  let spread = category.spread;
  if (archetype.id === 'bigTicket') {
    quantity = Math.min(200, Math.max(5, Math.round(rng.lognormal(10, 0.6))));
    spread /= 2;
  } else if (customer.type === 'enterprise') {
    quantity = 1 + rng.poisson(2);
  } else if (category.name === 'food' || category.name === 'books') {
    quantity = 1 + rng.poisson(0.8);
  } else {
    quantity = rng.chance(0.85) ? 1 : 1 + rng.poisson(0.6);
  }
  const unitCents = shelfPrice(rng, rng.lognormal(category.price, spread) * shopper.spend);
  const grossCents = unitCents * quantity;

  const promo = promotion || isPromoDay(day);
  let discountChance = archetype.discounted;
  if (promo) discountChance = Math.max(discountChance, archetype.id === 'bigTicket' ? 0.2 : 0.6);
  let discountCents = 0;
  if (rng.chance(discountChance)) {
    const rate = archetype.id === 'priceSensitive' ? rng.float(0.1, 0.4) : rng.float(0.05, 0.25);
    discountCents = Math.round(grossCents * rate);
  }
  return {
    customerId: customer.id,
    day,
    datetime: sampleDateTime(rng, day, shopper.time),
    amountCents: grossCents - discountCents,
    discountCents,
    category: category.name,
    brand,
    quantity,
  };
}

/**
 * Every customer's orders over the two years, before any campaign effect.
 * @param {import('./customers.mjs').Customer[]} customers
 * @returns {Account[]}
 */
export function buildAccounts(rng, customers) {
  return customers.map((customer) => {
    const shopper = createShopper(rng, customer);
    const { archetype } = customer;
    /** @type {Account} */
    const account = { customer, shopper, activeFrom: 0, activeTo: -1, orders: [] };
    if (archetype.window === 'none') return account;
    const { from, to } = activeWindow(rng, customer);
    account.activeFrom = from;
    account.activeTo = to;
    const n = orderCount(rng, customer, from, to);
    // Someone who signs up during the two years buys for the first time on `from`.
    const joinedLate = customer.signupDay >= 0 || archetype.window === 'lastQuarter';
    for (let i = 0; i < n; i++) {
      const day = i === 0 && joinedLate ? from : sampleDay(rng, from, to, archetype.days);
      account.orders.push(makeOrder(rng, account, day));
    }
    account.orders.sort(byTime);
    return account;
  });
}

export function byTime(a, b) {
  return a.datetime < b.datetime ? -1 : a.datetime > b.datetime ? 1 : 0;
}
