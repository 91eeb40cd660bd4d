// Reference solution for ml2020-hw2-income: the shared-covariance Gaussian generative model in closed
// form and logistic regression by mini-batch gradient descent (the homework's sample recipe: batches
// of 8, step lr / sqrt(step)), in plain float64 JavaScript.
import type { GaussianParams, LogisticOptions, Ml2020Hw2Income } from '../../src/contracts/ml2020-hw2-income.ts';
import { makeRng, permutation, type Array2 } from '../../src/kit.ts';
import { solveSpd } from './linalg.ts';

/** Numerically stable logistic function: never exp of a large positive number. */
const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
/** log(1 + e^z) without overflow. */
const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

function logits(theta: ArrayLike<number>, x: Array2<Float64Array>, rows?: ArrayLike<number>): Float64Array {
  const d = x.shape[1];
  const idx = rows ?? Array.from({ length: x.shape[0] }, (_, i) => i);
  return Float64Array.from({ length: idx.length }, (_, k) => {
    let s = theta[d];
    const o = idx[k] * d;
    for (let j = 0; j < d; j++) s += x.data[o + j] * theta[j];
    return s;
  });
}

function fitGenerative(x: Array2<Float64Array>, y: Float64Array): GaussianParams {
  const [n, d] = x.shape;
  const count = [0, 0];
  const means = new Float64Array(2 * d); // [2, D]
  for (let i = 0; i < n; i++) {
    const k = y[i] ? 1 : 0;
    count[k]++;
    for (let j = 0; j < d; j++) means[k * d + j] += x.data[i * d + j];
  }
  for (let k = 0; k < 2; k++) for (let j = 0; j < d; j++) means[k * d + j] /= count[k];
  // Shared covariance: scatter of every row about its own class mean, over N (= N0 S0 + N1 S1) / N.
  const cov = new Float64Array(d * d);
  const c = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const k = y[i] ? 1 : 0;
    for (let j = 0; j < d; j++) c[j] = x.data[i * d + j] - means[k * d + j];
    for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) cov[a * d + b] += c[a] * c[b];
  }
  for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) { cov[a * d + b] /= n; cov[b * d + a] = cov[a * d + b]; }
  return { means: { data: means, shape: [2, d] }, covariance: { data: cov, shape: [d, d] }, priors: Float64Array.from(count, (m) => m / n) };
}

function generativeWeights({ means, covariance, priors }: GaussianParams): Float64Array {
  const d = means.shape[1];
  const mu0 = means.data.subarray(0, d), mu1 = means.data.subarray(d, 2 * d);
  // w = Sigma^-1 (mu1 - mu0); b = -1/2 (mu1 + mu0) . w + log(pi1 / pi0).
  const w = solveSpd(covariance.data, Float64Array.from(mu1, (v, j) => v - mu0[j]), d);
  let b = Math.log(priors[1] / priors[0]);
  for (let j = 0; j < d; j++) b -= 0.5 * (mu1[j] + mu0[j]) * w[j];
  const theta = new Float64Array(d + 1);
  theta.set(w); theta[d] = b;
  return theta;
}

function lossAndGradient(theta: Float64Array, x: Array2<Float64Array>, y: Float64Array, rows?: ArrayLike<number>) {
  const d = x.shape[1];
  const z = logits(theta, x, rows);
  const m = z.length;
  const gradient = new Float64Array(d + 1);
  let loss = 0;
  for (let k = 0; k < m; k++) {
    const i = rows ? rows[k] : k;
    loss += (softplus(z[k]) - y[i] * z[k]) / m; // -[y log p + (1 - y) log(1 - p)]
    const e = (sigmoid(z[k]) - y[i]) / m;
    for (let j = 0; j < d; j++) gradient[j] += e * x.data[i * d + j];
    gradient[d] += e;
  }
  return { loss, gradient };
}

function fitLogistic(x: Array2<Float64Array>, y: Float64Array, { lr, epochs, batchSize, seed }: LogisticOptions) {
  const n = x.shape[0];
  const theta = new Float64Array(x.shape[1] + 1);
  const rng = makeRng(seed);
  const lossCurve = new Float64Array(epochs);
  let step = 0;
  for (let e = 0; e < epochs; e++) {
    const order = permutation(n, rng);
    for (let s = 0; s < n; s += batchSize) {
      const { gradient } = lossAndGradient(theta, x, y, order.subarray(s, Math.min(n, s + batchSize)));
      const rate = lr / Math.sqrt(++step);
      for (let j = 0; j < theta.length; j++) theta[j] -= rate * gradient[j];
    }
    lossCurve[e] = lossAndGradient(theta, x, y).loss;
  }
  return { weights: theta, lossCurve };
}

const solution: Ml2020Hw2Income = {
  fitGenerative,
  generativeWeights,
  predictProba: (theta, x) => logits(theta, x).map(sigmoid),
  logisticLossAndGradient: (theta, x, y) => lossAndGradient(theta, x, y),
  fitLogistic,
};
export default solution;
