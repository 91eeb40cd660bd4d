// Grader-side math for ml2020-hw2-income (float64): the shared-covariance Gaussian MLE, the Bayes
// posterior computed from the two class densities (no linearisation assumed), the linear form the
// grader uses for its own closed-form baseline, and the logistic cross-entropy.
import type { GaussianParams } from '../../contracts/ml2020-hw2-income.ts';
import type { Array2 } from '../../grading/types.ts';
import { choleskySolve } from '../ml2020-hw1-pm25/linear.ts';

export function gaussianMle(x: Array2<Float64Array>, y: Float64Array): GaussianParams {
  const [n, d] = x.shape;
  const nk = [0, 0];
  const means = new Float64Array(2 * d);
  for (let i = 0; i < n; i++) {
    const k = y[i] > 0.5 ? 1 : 0;
    nk[k]++;
    for (let j = 0; j < d; j++) means[k * d + j] += x.data[i * d + j];
  }
  means.forEach((v, i) => (means[i] = v / nk[Math.floor(i / d)]));
  const cov = new Float64Array(d * d); // (N0 S0 + N1 S1) / N
  const c = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const k = y[i] > 0.5 ? 1 : 0;
    for (let j = 0; j < d; j++) c[j] = x.data[i * d + j] - means[k * d + j];
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov[a * d + b] += (c[a] * c[b]) / n;
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[a * d + b] = cov[b * d + a];
  return { means: { data: means, shape: [2, d] }, covariance: { data: cov, shape: [d, d] }, priors: Float64Array.from(nk, (v) => v / n) };
}

const LOG_2PI = Math.log(2 * Math.PI);

/** Log of the Gaussian density N(x; mu, Sigma) for Sigma positive definite [D, D]. */
function logDensity(x: ArrayLike<number>, mu: ArrayLike<number>, sigma: Float64Array, logDet: number): number {
  const d = mu.length;
  const diff = Float64Array.from({ length: d }, (_, j) => x[j] - mu[j]);
  const z = choleskySolve(sigma, diff, d);
  const quad = diff.reduce((s, v, j) => s + v * z[j], 0);
  return -0.5 * (quad + logDet + d * LOG_2PI);
}

/** log det of a positive-definite matrix by Gaussian elimination without pivoting. */
export function logDeterminant(a: Float64Array, d: number): number {
  const m = Float64Array.from(a);
  let s = 0;
  for (let k = 0; k < d; k++) {
    s += Math.log(m[k * d + k]);
    for (let i = k + 1; i < d; i++) {
      const f = m[i * d + k] / m[k * d + k];
      for (let j = k; j < d; j++) m[i * d + j] -= f * m[k * d + j];
    }
  }
  return s;
}

/** P(y = 1 | x) by Bayes' rule on the densities: x [N, D] -> [N]. */
export function bayesPosterior(p: GaussianParams, x: Array2<Float64Array>): Float64Array {
  const [n, d] = x.shape;
  const logDet = logDeterminant(p.covariance.data, d);
  return Float64Array.from({ length: n }, (_, i) => {
    const row = x.data.subarray(i * d, (i + 1) * d);
    const l0 = Math.log(p.priors[0]) + logDensity(row, p.means.data.subarray(0, d), p.covariance.data, logDet);
    const l1 = Math.log(p.priors[1]) + logDensity(row, p.means.data.subarray(d), p.covariance.data, logDet);
    return 1 / (1 + Math.exp(l0 - l1));
  });
}

/** The grader's closed-form generative classifier theta [D + 1] (tiny ridge: one-hot Sigma is singular). */
export function gaussianLinear(p: GaussianParams): Float64Array {
  const d = p.means.shape[1];
  const a = Float64Array.from(p.covariance.data);
  let trace = 0;
  for (let j = 0; j < d; j++) trace += a[j * d + j];
  for (let j = 0; j < d; j++) a[j * d + j] += 1e-9 * (trace / d);
  const mu0 = p.means.data.subarray(0, d), mu1 = p.means.data.subarray(d);
  const w = choleskySolve(a, Float64Array.from(mu1, (v, j) => v - mu0[j]), d);
  const theta = new Float64Array(d + 1);
  theta.set(w);
  theta[d] = Math.log(p.priors[1] / p.priors[0]) - 0.5 * w.reduce((s, wj, j) => s + wj * (mu1[j] + mu0[j]), 0);
  return theta;
}

export function linearLogits(theta: ArrayLike<number>, x: Array2<Float64Array>): Float64Array {
  const [n, d] = x.shape;
  return Float64Array.from({ length: n }, (_, i) => {
    let s = theta[d];
    for (let j = 0; j < d; j++) s += x.data[i * d + j] * theta[j];
    return s;
  });
}

/** Error rate of the classifier sign(x . w + b) against labels y [N]. */
export const errorRate = (theta: ArrayLike<number>, x: Array2<Float64Array>, y: Float64Array) =>
  linearLogits(theta, x).reduce((s, z, i) => s + ((z > 0 ? 1 : 0) !== y[i] ? 1 : 0), 0) / y.length;

/** Mean binary cross-entropy, computed stably from the logits. */
export function crossEntropy(theta: ArrayLike<number>, x: Array2<Float64Array>, y: Float64Array): number {
  return linearLogits(theta, x).reduce((s, z, i) => s + (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z), 0) / y.length;
}
