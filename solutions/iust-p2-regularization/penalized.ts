// Penalised logistic regression by proximal gradient descent (ISTA): a gradient step on the mean NLL
// (step 1/L, L bounding its curvature), then the penalty's proximal map. For L1 that map is soft
// thresholding, which sets small weights to exactly zero: the sparsity L1 is known for. For L2 it
// shrinks every weight by the same factor, so weights get small but never zero.
import type { LabelledPoints, LinearModel, PenalizedOptions } from '../../src/contracts/iust-p2-regularization.ts';

const ITERATIONS = 300;
const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function trainPenalized(data: LabelledPoints, options: PenalizedOptions): LinearModel {
  const [n, d] = data.x.shape;
  const x = data.x.data; // [n, d]
  const w = new Float64Array(d);
  let b = 0;
  // Hessian of the mean NLL <= (1/4) mean [x,1][x,1]^T; its trace bounds the largest eigenvalue.
  const step = 4 / (x.reduce((s, v) => s + v * v, 0) / n + 1);
  const shrinkL1 = step * options.lambda;
  const shrinkL2 = 1 / (1 + 2 * step * options.lambda);
  const g = new Float64Array(d);
  for (let t = 0; t < ITERATIONS; t++) {
    g.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      let z = b;
      for (let j = 0; j < d; j++) z += x[i * d + j] * w[j];
      const r = (sigmoid(z) - data.labels[i]) / n;
      if (r === 0) continue;
      for (let j = 0; j < d; j++) g[j] += r * x[i * d + j];
      gb += r;
    }
    b -= step * gb;
    for (let j = 0; j < d; j++) {
      const v = w[j] - step * g[j];
      w[j] = options.penalty === 'l1' ? Math.sign(v) * Math.max(0, Math.abs(v) - shrinkL1) : v * shrinkL2;
    }
  }
  return { weights: w, bias: b };
}
