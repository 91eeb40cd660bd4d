// Binary logistic regression by maximum likelihood: full-batch gradient descent on the mean
// negative log-likelihood, which is convex, so its stationary point is the MLE (when one exists).
import type { Array2 } from '../../src/kit.ts';

const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Mean NLL = mean of softplus(z) - y z with z = x . w[0..D-1] + w[D]; gradient [D + 1]. */
export function logisticLossAndGradient(w: Float64Array, x: Array2<Float64Array>, y: Float64Array) {
  const [n, d] = x.shape;
  const gradient = new Float64Array(d + 1);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let z = w[d];
    for (let j = 0; j < d; j++) z += x.data[i * d + j] * w[j];
    loss += (softplus(z) - y[i] * z) / n;
    const r = (sigmoid(z) - y[i]) / n; // d loss / d z
    for (let j = 0; j < d; j++) gradient[j] += r * x.data[i * d + j];
    gradient[d] += r;
  }
  return { loss, gradient };
}

/**
 * Gradient descent with step 1/L until the gradient vanishes. L bounds the curvature: the Hessian is
 * mean of s(1-s) [x,1][x,1]^T <= (1/4) mean [x,1][x,1]^T, whose largest eigenvalue is at most its trace.
 */
export function logisticFit(x: Array2<Float64Array>, y: Float64Array) {
  const [n, d] = x.shape;
  const L = (x.data.reduce((s, v) => s + v * v, 0) / n + 1) / 4;
  const w = new Float64Array(d + 1);
  const history: number[] = [];
  for (let t = 0; t < 20000; t++) {
    const { loss, gradient } = logisticLossAndGradient(w, x, y);
    history.push(loss);
    if (Math.hypot(...gradient) < 1e-9) break;
    for (let j = 0; j <= d; j++) w[j] -= gradient[j] / L;
  }
  return { weights: w, history: Float64Array.from(history) };
}
