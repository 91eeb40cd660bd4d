// Batch normalisation from scratch in float64 (cs231n's NumPy exercise), x [N, D] feature columns.
// Train mode: normalise each column with the batch's mean and (biased) variance, and fold them into
// the running averages; test mode: normalise with the running averages. eps keeps the division
// defined when a column barely varies (see the report: without it a constant column gives 0/0).
import type { BatchNormCache, BatchNormForward, BatchNormGradients, BatchNormOptions } from '../../src/contracts/iust-p4-tuning-bn.ts';
import type { Array2 } from '../../src/kit.ts';

/** Column means and biased variances of x [N, D]. */
function moments(x: Array2<Float64Array>): { mean: Float64Array; variance: Float64Array } {
  const [n, d] = x.shape;
  const mean = new Float64Array(d), variance = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x.data[i * d + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) variance[j] += (x.data[i * d + j] - mean[j]) ** 2 / n;
  return { mean, variance };
}

export function batchnormForward(x: Array2<Float64Array>, gamma: Float64Array, beta: Float64Array, o: BatchNormOptions): BatchNormForward {
  const [n, d] = x.shape;
  let mean = o.runningMean, variance = o.runningVar;
  let runningMean = Float64Array.from(o.runningMean), runningVar = Float64Array.from(o.runningVar);
  if (o.mode === 'train') {
    ({ mean, variance } = moments(x));
    runningMean = runningMean.map((r, j) => o.momentum * r + (1 - o.momentum) * mean[j]);
    runningVar = runningVar.map((r, j) => o.momentum * r + (1 - o.momentum) * variance[j]);
  }
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) {
    out[i * d + j] = gamma[j] * (x.data[i * d + j] - mean[j]) / Math.sqrt(variance[j] + o.eps) + beta[j];
  }
  const cache: BatchNormCache = { x, gamma, beta, eps: o.eps };
  return { out: { data: out, shape: [n, d] }, runningMean, runningVar, cache };
}

/**
 * The compact form: with xhat = (x - mean) / s, s = sqrt(var + eps), per column
 *   dx = gamma / s * (dout - mean(dout) - xhat * mean(dout * xhat)).
 */
export function batchnormBackward(dout: Array2<Float64Array>, cache: BatchNormCache): BatchNormGradients {
  const { x, gamma, eps } = cache;
  const [n, d] = x.shape;
  const { mean, variance } = moments(x);
  const s = variance.map((v) => Math.sqrt(v + eps));
  const xhat = (i: number, j: number) => (x.data[i * d + j] - mean[j]) / s[j];
  const dgamma = new Float64Array(d), dbeta = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) {
    dbeta[j] += dout.data[i * d + j];
    dgamma[j] += dout.data[i * d + j] * xhat(i, j);
  }
  const dx = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) {
    // mean(dout) = dbeta / n and mean(dout * xhat) = dgamma / n
    dx[i * d + j] = (gamma[j] / s[j]) * (dout.data[i * d + j] - dbeta[j] / n - xhat(i, j) * dgamma[j] / n);
  }
  return { dx: { data: dx, shape: [n, d] }, dgamma, dbeta };
}
