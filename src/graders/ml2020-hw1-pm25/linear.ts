// Grader-side linear algebra for ml2020-hw1-pm25 (float64): predictions, MSE / RMSE, the closed-form
// least-squares solution and the grader's own Adagrad steps. theta [D + 1] has the bias last.
import type { Array2 } from '../../grading/types.ts';

export function linearPredict(theta: ArrayLike<number>, x: Array2<Float64Array>): Float64Array {
  const [n, d] = x.shape;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = theta[d];
    for (let j = 0; j < d; j++) s += x.data[i * d + j] * theta[j];
    out[i] = s;
  }
  return out;
}

export const mse = (theta: ArrayLike<number>, x: Array2<Float64Array>, y: Float64Array) =>
  linearPredict(theta, x).reduce((s, p, i) => s + (p - y[i]) ** 2, 0) / y.length;
export const rmse = (theta: ArrayLike<number>, x: Array2<Float64Array>, y: Float64Array) => Math.sqrt(mse(theta, x, y));

/** The exact MSE gradient [D + 1]: (2 / N) [X 1]^T (X theta - y). */
export function mseGradient(theta: ArrayLike<number>, x: Array2<Float64Array>, y: Float64Array): Float64Array {
  const [n, d] = x.shape;
  const r = linearPredict(theta, x).map((p, i) => (2 * (p - y[i])) / n);
  const g = new Float64Array(d + 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) g[j] += r[i] * x.data[i * d + j];
    g[d] += r[i];
  }
  return g;
}

/** Solves the SPD system a z = b in place by Cholesky (a [P, P] row-major, b [P]). */
export function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      if (i === j) {
        if (!(s > 0)) throw new Error(`matrix is not positive definite at pivot ${i} (${s})`);
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j];
    }
  }
  const z = Float64Array.from(b);
  for (let i = 0; i < p; i++) { for (let k = 0; k < i; k++) z[i] -= l[i * p + k] * z[k]; z[i] /= l[i * p + i]; }
  for (let i = p - 1; i >= 0; i--) { for (let k = i + 1; k < p; k++) z[i] -= l[k * p + i] * z[k]; z[i] /= l[i * p + i]; }
  return z;
}

/**
 * Least squares by the normal equations, ([X 1]^T [X 1] + ridge I) theta = [X 1]^T y, with a tiny
 * ridge (1e-9 of the mean diagonal; the bias unpenalised) only so that Cholesky never meets a
 * singular matrix. Returns theta [D + 1].
 */
export function closedForm(x: Array2<Float64Array>, y: Float64Array): Float64Array {
  const [n, d] = x.shape;
  const p = d + 1;
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    row.set(x.data.subarray(i * d, (i + 1) * d)); row[d] = 1;
    for (let j = 0; j < p; j++) {
      b[j] += row[j] * y[i];
      for (let k = 0; k <= j; k++) a[j * p + k] += row[j] * row[k];
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) a[k * p + j] = a[j * p + k];
  let trace = 0;
  for (let j = 0; j < d; j++) trace += a[j * p + j];
  for (let j = 0; j < d; j++) a[j * p + j] += 1e-9 * (trace / d);
  return choleskySolve(a, b, p);
}

/** The grader's Adagrad: `steps` full-batch updates from zero, G += g^2, theta -= lr g / sqrt(G). */
export function adagradSteps(x: Array2<Float64Array>, y: Float64Array, lr: number, steps: number): Float64Array {
  const p = x.shape[1] + 1;
  const theta = new Float64Array(p);
  const sumSq = new Float64Array(p);
  for (let t = 0; t < steps; t++) {
    const g = mseGradient(theta, x, y);
    for (let j = 0; j < p; j++) {
      sumSq[j] += g[j] * g[j];
      if (sumSq[j] > 0) theta[j] -= (lr * g[j]) / Math.sqrt(sumSq[j]);
    }
  }
  return theta;
}
