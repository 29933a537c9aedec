import { squaredDistance, type Points } from './points';

/**
 * k-means++ seeding (Arthur & Vassilvitskii, 2007): the first centre is a random point, each
 * next one a point drawn with probability proportional to its squared distance to the nearest
 * centre so far. Returns the k centres, row-major.
 */
export function kmeansPlusPlus(p: Points, k: number, random: () => number): Float64Array {
  const { n, d } = p;
  const centres = new Float64Array(k * d);
  const take = (i: number, c: number) => centres.set(p.values.subarray(i * d, i * d + d), c * d);
  take(Math.floor(random() * n), 0);
  const closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(p, i, centres, 0);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += closest[i]!;
    // Every point sits on a centre already: any point will do.
    let pick = total > 0 ? -1 : Math.floor(random() * n);
    if (pick < 0) {
      let target = random() * total;
      pick = n - 1;
      for (let i = 0; i < n; i++) {
        target -= closest[i]!;
        if (target < 0) {
          pick = i;
          break;
        }
      }
    }
    take(pick, c);
    for (let i = 0; i < n; i++) {
      closest[i] = Math.min(closest[i]!, squaredDistance(p, i, centres, c));
    }
  }
  return centres;
}
