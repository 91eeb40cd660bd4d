// The grader's batch norm in float64: train and test mode, the loss sum(out * dout) whose central
// differences judge batchnormBackward, random cases for fast-check, and the epsilon experiment's
// inputs (a constant column and a near-constant one).
import fc from 'fast-check';
import { gaussian, makeRng } from '../../engine/seed.ts';
import type { Array2 } from '../../grading/types.ts';

export interface BnCase {
  x: Array2<Float64Array>; // [N, D]
  gamma: Float64Array; // [D]
  beta: Float64Array; // [D]
  dout: Array2<Float64Array>; // [N, D]
  runningMean: Float64Array; // [D]
  runningVar: Float64Array; // [D] positive
  momentum: number;
  eps: number;
}

/** Random columns with their own offset and spread (spread >= 0.1, so variances are not tiny). */
export const bnCase: fc.Arbitrary<BnCase> = fc.record({
  n: fc.integer({ min: 2, max: 16 }), d: fc.integer({ min: 1, max: 6 }), seed: fc.nat(),
  momentum: fc.double({ min: 0, max: 0.99, noNaN: true }), eps: fc.constantFrom(1e-5, 1e-3, 0.1),
}).map(({ n, d, seed, momentum, eps }) => {
  const rng = makeRng(`bn-case:${seed}`);
  const normal = (len: number, scale = 1) => Float64Array.from({ length: len }, () => scale * gaussian(rng));
  const offset = normal(d, 3), spread = Float64Array.from({ length: d }, () => 0.1 + 3 * rng());
  const x = Float64Array.from({ length: n * d }, (_, i) => offset[i % d] + spread[i % d] * gaussian(rng));
  return {
    x: { data: x, shape: [n, d] }, gamma: normal(d), beta: normal(d), dout: { data: normal(n * d), shape: [n, d] },
    runningMean: normal(d), runningVar: Float64Array.from({ length: d }, () => 0.1 + 2 * rng()), momentum, eps,
  };
});

export function columnMoments(x: Array2<Float64Array>): { mean: Float64Array; variance: Float64Array } {
  const [n, d] = x.shape;
  const mean = new Float64Array(d), variance = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x.data[i * d + j];
    mean[j] = s / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x.data[i * d + j] - mean[j]) ** 2;
    variance[j] = v / n; // biased, as the contract says
  }
  return { mean, variance };
}

/** out [N, D] normalised with the given statistics. */
export function normalise(x: Array2<Float64Array>, mean: ArrayLike<number>, variance: ArrayLike<number>, gamma: ArrayLike<number>, beta: ArrayLike<number>, eps: number): Float64Array {
  const d = x.shape[1];
  return x.data.map((v, i) => gamma[i % d] * (v - mean[i % d]) / Math.sqrt(variance[i % d] + eps) + beta[i % d]);
}

/** L(theta) = sum(bn_train(x, gamma, beta) * dout), theta = [x; gamma; beta]. */
export function bnLoss(k: BnCase): (theta: Float64Array) => number {
  const nx = k.x.data.length, d = k.gamma.length;
  return (theta) => {
    const x = { data: theta.subarray(0, nx), shape: k.x.shape };
    const { mean, variance } = columnMoments(x);
    const out = normalise(x, mean, variance, theta.subarray(nx, nx + d), theta.subarray(nx + d), k.eps);
    return out.reduce((s, v, i) => s + v * k.dout.data[i], 0);
  };
}

/**
 * The epsilon experiment's batch x [n, 2]: column 0 constant (every row 5), column 1 near-constant
 * (5 + 1e-7 noise: a feature that barely varies, e.g. a saturated unit). Its std is returned too.
 */
export function flatColumns(n: number, seed: number): { x: Array2<Float64Array>; nearStd: number } {
  const rng = makeRng(`bn-flat:${seed}`);
  const data = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) { data[2 * i] = 5; data[2 * i + 1] = 5 + 1e-7 * gaussian(rng); }
  const x = { data, shape: [n, 2] };
  return { x, nearStd: Math.sqrt(columnMoments(x).variance[1]) };
}

/** Standard deviation of column j of out [N, D]. */
export function columnStd(out: ArrayLike<number>, n: number, d: number, j: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m += out[i * d + j] / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (out[i * d + j] - m) ** 2 / n;
  return Math.sqrt(v);
}
