import { weightedPicker } from './random.mjs';

/**
 * What the shop sells. `price` is the median unit price in CNY and `spread` the sigma of its
 * logarithm; `weight` is the category's share of ordinary orders; `bulk` marks what companies
 * buy in quantity.
 */
export const CATEGORIES = [
  {
    name: 'electronics',
    weight: 14,
    price: 900,
    spread: 0.8,
    bulk: true,
    brands: ['Voltix', 'Lumora', 'Nexon', 'Kairo', 'Zentek'],
  },
  {
    name: 'home',
    weight: 16,
    price: 220,
    spread: 0.7,
    bulk: true,
    brands: ['Hearthly', 'Casa Nova', 'Nestwell', 'Oakline'],
  },
  {
    name: 'beauty',
    weight: 15,
    price: 160,
    spread: 0.6,
    bulk: false,
    brands: ['Glowa', 'Purelle', 'Lotus Bloom', 'Veyra'],
  },
  {
    name: 'apparel',
    weight: 20,
    price: 190,
    spread: 0.6,
    bulk: true,
    brands: ['Urbanist', 'Mistral', 'Threadline', 'Northpeak', 'Kinso'],
  },
  {
    name: 'food',
    weight: 20,
    price: 55,
    spread: 0.5,
    bulk: true,
    brands: ['Goldfield', 'Harvest Lane', 'Mighty Bean', 'Pearl Tea'],
  },
  {
    name: 'books',
    weight: 7,
    price: 45,
    spread: 0.4,
    bulk: true,
    brands: ['Inkwell', 'Paperleaf', 'Open Shelf'],
  },
  {
    name: 'sports',
    weight: 8,
    price: 260,
    spread: 0.7,
    bulk: false,
    brands: ['Stride', 'Apex Trail', 'Fitcore', 'Rallypro'],
  },
];

export const pickCategory = weightedPicker(CATEGORIES, (c) => c.weight);

export const BULK_CATEGORIES = CATEGORIES.filter((c) => c.bulk);

/** Lower-priced everyday categories, where bargain hunters shop most. */
export const BARGAIN_CATEGORIES = CATEGORIES.filter((c) => c.price < 250);
