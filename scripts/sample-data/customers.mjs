import { pickArchetype } from './archetypes.mjs';
import { sampleLocation } from './geography.mjs';
import { chineseName, englishName, enterpriseName } from './names.mjs';
import { weightedPicker } from './random.mjs';

const channelPicker = (weights) =>
  weightedPicker(Object.keys(weights), (channel) => weights[channel]);

const CHANNELS = {
  shopper: channelPicker({ online: 33, app: 27, wechat: 22, offline: 10, referral: 8 }),
  abroad: channelPicker({ online: 70, app: 20, referral: 10 }),
  company: channelPicker({ offline: 45, online: 40, referral: 15 }),
};

/**
 * @typedef {object} Customer
 * @property {string} id C00001, C00002, ...
 * @property {string} name
 * @property {'individual' | 'enterprise'} type
 * @property {string} province empty abroad
 * @property {string} city
 * @property {string} country
 * @property {number} signupDay days since 2023-01-01
 * @property {string} channel
 * @property {import('./archetypes.mjs').ARCHETYPES[number]} archetype
 */

/** @returns {Customer[]} */
export function buildCustomers(rng, count) {
  const customers = [];
  for (let i = 1; i <= count; i++) {
    const archetype = pickArchetype(rng);
    const location = sampleLocation(rng);
    const enterprise = rng.chance(archetype.enterprise);
    let name;
    if (enterprise) name = enterpriseName(rng, location);
    else name = location.abroad ? englishName(rng) : chineseName(rng);
    const channels = enterprise ? CHANNELS.company : location.abroad ? CHANNELS.abroad : CHANNELS.shopper;
    customers.push({
      id: `C${String(i).padStart(5, '0')}`,
      name,
      type: enterprise ? 'enterprise' : 'individual',
      province: location.province,
      city: location.city,
      country: location.country,
      signupDay: rng.int(archetype.signup[0], archetype.signup[1]),
      channel: channels(rng),
      archetype,
    });
  }
  return customers;
}
