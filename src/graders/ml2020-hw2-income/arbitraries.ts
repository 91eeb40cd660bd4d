// Inputs for ml2020-hw2-income's properties: random shared-covariance Gaussian models (well
// conditioned, so Bayes' rule on the densities is exact in float64) and random rows.
import fc from 'fast-check';
import type { GaussianParams } from '../../contracts/ml2020-hw2-income.ts';
import { makeRng, type Rng } from '../../engine/seed.ts';
import type { Array2 } from '../../grading/types.ts';
import type { Labelled } from './splits.ts';

/** x [n, d] uniform in [-scale, scale]. */
export function randomRows(rng: Rng, n: number, d: number, scale: number): Array2<Float64Array> {
  return { data: Float64Array.from({ length: n * d }, () => scale * (2 * rng() - 1)), shape: [n, d] };
}

/** Means [2, D] in [-1, 1], covariance A A^T / D + 0.3 I [D, D], priors [2] with P(y = 1) in [0.05, 0.95]. */
export const randomGaussians: fc.Arbitrary<GaussianParams> = fc
  .record({ d: fc.integer({ min: 1, max: 6 }), seed: fc.integer(), prior: fc.double({ min: 0.05, max: 0.95, noNaN: true }) }, { noNullPrototype: true })
  .map(({ d, seed, prior }) => {
    const rng = makeRng(seed);
    const a = randomRows(rng, d, d, 1).data;
    const cov = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        for (let k = 0; k < d; k++) cov[i * d + j] += (a[i * d + k] * a[j * d + k]) / d;
        if (i === j) cov[i * d + j] += 0.3;
      }
    }
    return { means: randomRows(rng, 2, d, 1), covariance: { data: cov, shape: [d, d] }, priors: Float64Array.from([1 - prior, prior]) };
  });

/** n rows of a labelled set: the first n, or n drawn (with replacement) by `rng`. */
export function rowsOf(set: Labelled, n: number, rng?: Rng): Labelled {
  const d = set.x.shape[1];
  const idx = Array.from({ length: n }, (_, k) => (rng ? Math.floor(rng() * set.y.length) : k));
  const x = new Float64Array(n * d);
  idx.forEach((i, k) => x.set(set.x.data.subarray(i * d, (i + 1) * d), k * d));
  return { x: { data: x, shape: [n, d] }, y: Float64Array.from(idx, (i) => set.y[i]) };
}
