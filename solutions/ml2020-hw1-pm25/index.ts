// Reference solution for ml2020-hw1-pm25: the homework's sliding windows and a linear model trained
// by full-batch Adagrad, in plain float64 JavaScript (5652 x 163 is small; no tensors needed).
import type { FeatureOptions, FitOptions, Ml2020Hw1Pm25, Pm25Raw } from '../../src/contracts/ml2020-hw1-pm25.ts';
import type { Array2 } from '../../src/kit.ts';

const FEATURES = 18;
const PM25_ROW = 9; // index of 'PM2.5' in PM25_FEATURES

function extractFeatures({ values, shape, daysPerMonth }: Pm25Raw, { hours, pm25Only }: FeatureOptions) {
  const months = shape[0] / (FEATURES * daysPerMonth);
  const span = daysPerMonth * 24; // hours in one month's series
  const perMonth = span - hours;
  const rows = pm25Only ? [PM25_ROW] : Array.from({ length: FEATURES }, (_, f) => f);
  const d = rows.length * hours;
  const n = months * perMonth;
  const x = new Float64Array(n * d); // [N, D]
  const y = new Float64Array(n);
  // Reading at (month m, feature f, hour s of the month's series).
  const at = (m: number, f: number, s: number) => {
    const day = m * daysPerMonth + Math.floor(s / 24);
    return values[(day * FEATURES + f) * 24 + (s % 24)];
  };
  for (let m = 0; m < months; m++) {
    for (let t = 0; t < perMonth; t++) {
      const i = m * perMonth + t;
      rows.forEach((f, k) => {
        for (let h = 0; h < hours; h++) x[i * d + k * hours + h] = at(m, f, t + h);
      });
      y[i] = at(m, PM25_ROW, t + hours);
    }
  }
  return { x: { data: x, shape: [n, d] }, y };
}

function predict(theta: Float64Array, x: Array2<Float64Array>): Float64Array {
  const [n, d] = x.shape;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = theta[d];
    for (let j = 0; j < d; j++) s += x.data[i * d + j] * theta[j];
    out[i] = s;
  }
  return out;
}

/** MSE gradient [D + 1] and the residuals' RMSE, from one pass over x. */
function gradientAndRmse(theta: Float64Array, x: Array2<Float64Array>, y: Float64Array) {
  const [n, d] = x.shape;
  const pred = predict(theta, x);
  const g = new Float64Array(d + 1);
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = pred[i] - y[i];
    sse += r * r;
    const c = (2 * r) / n;
    for (let j = 0; j < d; j++) g[j] += c * x.data[i * d + j];
    g[d] += c;
  }
  return { g, rmse: Math.sqrt(sse / n) };
}

function fit(x: Array2<Float64Array>, y: Float64Array, { lr, iterations }: FitOptions) {
  const p = x.shape[1] + 1;
  const theta = new Float64Array(p); // the homework starts from zeros
  const sumSq = new Float64Array(p); // Adagrad's running sum of squared gradients
  const lossCurve = new Float64Array(iterations);
  const eps = 1e-10;
  for (let t = 0; t < iterations; t++) {
    const { g, rmse } = gradientAndRmse(theta, x, y);
    lossCurve[t] = rmse;
    for (let j = 0; j < p; j++) {
      sumSq[j] += g[j] * g[j];
      theta[j] -= (lr * g[j]) / Math.sqrt(sumSq[j] + eps);
    }
  }
  return { weights: theta, lossCurve };
}

const solution: Ml2020Hw1Pm25 = {
  extractFeatures,
  predict,
  gradient: (theta, x, y) => gradientAndRmse(theta, x, y).g,
  fit,
};
export default solution;
