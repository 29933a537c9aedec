import { weightedPicker } from './random.mjs';

/**
 * The behaviour each customer follows. Nothing in the CSVs names the archetype: segmentation
 * should rediscover these groups from the orders alone.
 *
 * weight      share of all customers
 * signup      range of signup days (day 0 = 2023-01-01; negative = before the two years)
 * enterprise  chance the customer is a company
 * orders      order count: lognormal median and sigma, clamped to [min, max]; `scaled` shrinks
 *             it for customers who joined partway through the two years
 * window      when orders fall: 'open' (from signup to the end), 'churn' (stops on a day in
 *             `churn`), 'lastQuarter' (from 2024-10-01), 'none'
 * spend       median multiplier of unit prices
 * discounted  chance an ordinary day's order carries a discount
 * days        which shopping calendar the orders follow (see calendar.mjs)
 * brandLoyal  chance an order goes to the customer's one brand (null: no such brand)
 */
export const ARCHETYPES = [
  {
    id: 'loyal',
    weight: 0.09,
    signup: [-1800, -90],
    enterprise: 0.06,
    orders: { median: 44, sigma: 0.3, min: 20, max: 120, scaled: false },
    window: 'open',
    spend: 1.6,
    discounted: 0.12,
    days: 'consumer',
    brandLoyal: null,
  },
  {
    id: 'regular',
    weight: 0.25,
    signup: [-1500, 560],
    enterprise: 0.05,
    orders: { median: 14, sigma: 0.5, min: 3, max: 40, scaled: true },
    window: 'open',
    spend: 1,
    discounted: 0.12,
    days: 'consumer',
    brandLoyal: null,
  },
  {
    id: 'oneOff',
    weight: 0.2,
    signup: [-900, 725],
    enterprise: 0.02,
    orders: { median: 1, sigma: 0, min: 1, max: 1, scaled: false },
    window: 'open',
    spend: 0.9,
    discounted: 0.2,
    days: 'consumer',
    brandLoyal: null,
  },
  {
    id: 'churner',
    weight: 0.09,
    signup: [-1200, 120],
    churn: [90, 480],
    enterprise: 0.05,
    orders: { median: 6, sigma: 0.5, min: 2, max: 25, scaled: false },
    window: 'churn',
    spend: 0.9,
    discounted: 0.15,
    days: 'consumer',
    brandLoyal: null,
  },
  {
    id: 'new',
    weight: 0.08,
    signup: [639, 722],
    enterprise: 0.02,
    orders: { median: 2, sigma: 0.5, min: 1, max: 6, scaled: false },
    window: 'lastQuarter',
    spend: 0.9,
    discounted: 0.25,
    days: 'consumer',
    brandLoyal: null,
  },
  {
    id: 'priceSensitive',
    weight: 0.09,
    signup: [-1200, 400],
    enterprise: 0,
    orders: { median: 15, sigma: 0.45, min: 5, max: 50, scaled: true },
    window: 'open',
    spend: 0.55,
    discounted: 0.88,
    days: 'bargain',
    brandLoyal: null,
  },
  {
    id: 'brandLoyal',
    weight: 0.07,
    signup: [-1200, 400],
    enterprise: 0.03,
    orders: { median: 15, sigma: 0.45, min: 5, max: 50, scaled: true },
    window: 'open',
    spend: 1.1,
    discounted: 0.1,
    days: 'consumer',
    brandLoyal: 0.92,
  },
  {
    id: 'bigTicket',
    weight: 0.08,
    signup: [-1500, 500],
    enterprise: 1,
    orders: { median: 4, sigma: 0.4, min: 2, max: 10, scaled: false },
    window: 'open',
    spend: 1.2,
    discounted: 0.1,
    days: 'business',
    brandLoyal: null,
  },
  {
    id: 'prospect',
    weight: 0.05,
    signup: [-700, 725],
    enterprise: 0.04,
    orders: { median: 0, sigma: 0, min: 0, max: 0, scaled: false },
    window: 'none',
    spend: 1,
    discounted: 0,
    days: 'consumer',
    brandLoyal: null,
  },
];

export const pickArchetype = weightedPicker(ARCHETYPES, (a) => a.weight);
