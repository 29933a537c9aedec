/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) with the few distributions the sample
 * data needs. Each table draws from its own named stream, so changing how one table is built
 * does not reshuffle the others.
 */

/** FNV-1a, to turn a stream name into 32 bits. */
function hashName(name) {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state) {
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function sfc32(a, b, c, d) {
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/**
 * @param {number} seed an integer in 0..2^32-1
 * @param {string} stream the name of an independent stream of numbers
 */
export function createRng(seed, stream) {
  const mix = splitmix32((seed ^ hashName(stream)) | 0);
  const next = sfc32(mix(), mix(), mix(), mix());
  for (let i = 0; i < 12; i++) next();

  const normal = () => {
    // Box-Muller; 1 - u keeps the logarithm finite.
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };

  return {
    /** Uniform in [0, 1). */
    next,
    /** Uniform in [min, max). */
    float: (min, max) => min + (max - min) * next(),
    /** Uniform integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    normal,
    /** Lognormal with the given median; sigma is the spread of its logarithm. */
    lognormal: (median, sigma) => median * Math.exp(sigma * normal()),
    /** Poisson by Knuth's method: fine for the small means used here. */
    poisson: (mean) => {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    /** `count` distinct items, in their original order. */
    sample: (items, count) => {
      const idx = items.map((_, i) => i);
      const n = Math.min(count, idx.length);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (idx.length - i));
        [idx[i], idx[j]] = [idx[j], idx[i]];
      }
      return idx
        .slice(0, n)
        .sort((a, b) => a - b)
        .map((i) => items[i]);
    },
  };
}

/**
 * Returns a function that picks one of `items` with probability proportional to `weightOf(item)`.
 * @template T
 * @param {T[]} items
 * @param {(item: T) => number} weightOf
 */
export function weightedPicker(items, weightOf) {
  const cumulative = [];
  let total = 0;
  for (const item of items) {
    total += weightOf(item);
    cumulative.push(total);
  }
  return (rng) => {
    const target = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}
