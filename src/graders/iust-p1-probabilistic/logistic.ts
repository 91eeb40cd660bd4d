// The grader's logistic regression: data drawn from a known logistic model (so the MLE exists and is
// finite with overwhelming probability: the classes overlap), the mean negative log-likelihood with
// its gradient, and the MLE by Newton's method in float64 to compare a solution's fit with.
import { gaussian, makeRng } from '../../engine/seed.ts';
import type { Array2 } from '../../grading/types.ts';

const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export interface LogisticData { x: Array2<Float64Array>; y: Float64Array; trueWeights: Float64Array }

/**
 * x [n, d] standard normal, y ~ Bernoulli(sigmoid(x . w + bias)) with true weights [d + 1] (bias last):
 * standard normal draws unless given (a held-out sample of the same model).
 */
export function logisticData(n: number, d: number, seed: number | string, weights?: Float64Array): LogisticData {
  const rng = makeRng(`iust-p1:logistic:${seed}`);
  const trueWeights = weights ?? Float64Array.from({ length: d + 1 }, () => gaussian(rng));
  const x = Float64Array.from({ length: n * d }, () => gaussian(rng));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = rng() < sigmoid(logit(trueWeights, x, i, d)) ? 1 : 0;
  return { x: { data: x, shape: [n, d] }, y, trueWeights };
}

function logit(w: Float64Array, x: Float64Array, i: number, d: number): number {
  let z = w[d];
  for (let j = 0; j < d; j++) z += x[i * d + j] * w[j];
  return z;
}

/** Mean NLL of labels y [n] under weights w [d + 1]. */
export function nll(w: Float64Array, x: Array2<Float64Array>, y: Float64Array): number {
  const [n, d] = x.shape;
  let s = 0;
  for (let i = 0; i < n; i++) { const z = logit(w, x.data, i, d); s += softplus(z) - y[i] * z; }
  return s / n;
}

/** Gradient [d + 1] and Hessian [(d + 1)^2] of the mean NLL. */
export function nllDerivatives(w: Float64Array, x: Array2<Float64Array>, y: Float64Array) {
  const [n, d] = x.shape;
  const g = new Float64Array(d + 1);
  const h = new Float64Array((d + 1) * (d + 1));
  const row = new Float64Array(d + 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = x.data[i * d + j];
    row[d] = 1;
    const p = sigmoid(logit(w, x.data, i, d));
    for (let a = 0; a <= d; a++) {
      g[a] += ((p - y[i]) * row[a]) / n;
      for (let b = 0; b <= d; b++) h[a * (d + 1) + b] += (p * (1 - p) * row[a] * row[b]) / n;
    }
  }
  return { gradient: g, hessian: h };
}

/** Newton's method from zero: a few steps reach the MLE to machine precision on overlapping classes. */
export function newtonMle(x: Array2<Float64Array>, y: Float64Array): Float64Array {
  const m = x.shape[1] + 1;
  const w = new Float64Array(m);
  for (let t = 0; t < 50; t++) {
    const { gradient, hessian } = nllDerivatives(w, x, y);
    const step = solve(hessian, gradient, m);
    for (let j = 0; j < m; j++) w[j] -= step[j];
    if (Math.hypot(...step) < 1e-13) break;
  }
  return w;
}

/** Solves A s = b for a symmetric positive-definite A [m, m] by Gaussian elimination with pivoting. */
function solve(A: Float64Array, b: Float64Array, m: number): Float64Array {
  const a = Array.from({ length: m }, (_, i) => [...A.subarray(i * m, (i + 1) * m), b[i]]);
  for (let k = 0; k < m; k++) {
    const p = a.reduce((best, r, i) => (i >= k && Math.abs(r[k]) > Math.abs(a[best][k]) ? i : best), k);
    [a[k], a[p]] = [a[p], a[k]];
    for (let i = k + 1; i < m; i++) {
      const f = a[i][k] / a[k][k];
      for (let j = k; j <= m; j++) a[i][j] -= f * a[k][j];
    }
  }
  const s = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let v = a[i][m];
    for (let j = i + 1; j < m; j++) v -= a[i][j] * s[j];
    s[i] = v / a[i][i];
  }
  return s;
}

/** Accuracy of thresholding sigmoid(z) at 1/2 under weights w. */
export function logisticAccuracy(w: Float64Array, x: Array2<Float64Array>, y: Float64Array): number {
  const [n, d] = x.shape;
  let ok = 0;
  for (let i = 0; i < n; i++) if ((logit(w, x.data, i, d) > 0 ? 1 : 0) === y[i]) ok++;
  return ok / n;
}
