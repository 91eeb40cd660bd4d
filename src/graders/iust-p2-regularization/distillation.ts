// The grader's distillation loss (the contract's formula, in float64) and Hinton's high-temperature
// limit: with alpha = 1 and T large, T^2 KL(softmax(t/T) || softmax(s/T)) tends to the logit-matching
// loss sum_j ((s_j - mean s) - (t_j - mean t))^2 / (2 C) per row, with gradient ((s - mean s) - (t - mean t)) / C.
import fc from 'fast-check';
import type { DistillationOptions } from '../../contracts/iust-p2-regularization.ts';
import { gaussian, makeRng } from '../../engine/seed.ts';
import type { Array2 } from '../../grading/types.ts';

function logSoftmaxRow(z: Float64Array, T: number): Float64Array {
  const scaled = z.map((v) => v / T);
  let max = -Infinity;
  for (const v of scaled) max = Math.max(max, v);
  let sum = 0;
  for (const v of scaled) sum += Math.exp(v - max);
  const logZ = max + Math.log(sum);
  return scaled.map((v) => v - logZ);
}

/** The contract's loss, averaged over rows of s, t [N, C]. */
export function referenceDistillation(s: Array2<Float64Array>, t: Array2<Float64Array>, labels: Int32Array, o: DistillationOptions): number {
  const [n, c] = s.shape;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const si = s.data.slice(i * c, (i + 1) * c);
    const logP = logSoftmaxRow(t.data.slice(i * c, (i + 1) * c), o.temperature);
    const logQ = logSoftmaxRow(si, o.temperature);
    let kl = 0;
    for (let j = 0; j < c; j++) kl += Math.exp(logP[j]) * (logP[j] - logQ[j]);
    total += o.alpha * o.temperature ** 2 * kl - (1 - o.alpha) * logSoftmaxRow(si, 1)[labels[i]];
  }
  return total / n;
}

/** The logit-matching limit: loss and gradient [N, C] of the soft term as T -> infinity. */
export function matchingLimit(s: Array2<Float64Array>, t: Array2<Float64Array>) {
  const [n, c] = s.shape;
  const gradient = new Float64Array(n * c);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let ms = 0, mt = 0;
    for (let j = 0; j < c; j++) { ms += s.data[i * c + j] / c; mt += t.data[i * c + j] / c; }
    for (let j = 0; j < c; j++) {
      const d = s.data[i * c + j] - ms - (t.data[i * c + j] - mt);
      loss += (d * d) / (2 * c * n);
      gradient[i * c + j] = d / (c * n);
    }
  }
  return { loss, gradient };
}

/** Norm-based relative difference ||a - b|| / (||a|| + ||b||). */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) { d += (a[i] - b[i]) ** 2; na += a[i] ** 2; nb += b[i] ** 2; }
  return Math.sqrt(d) / Math.max(Math.sqrt(na) + Math.sqrt(nb), 1e-300);
}

/** Student and teacher logits [n, c] (n 1..6, c 2..10, scale 3) with labels [n]. */
export const distillationCase = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 10 }), fc.integer({ min: 0, max: 2 ** 30 })).map(([n, c, seed]) => {
  const rng = makeRng(`iust-p2:distillation:${seed}`);
  const logits = () => ({ data: Float64Array.from({ length: n * c }, () => 3 * gaussian(rng)), shape: [n, c] } as Array2<Float64Array>);
  return { s: logits(), t: logits(), labels: Int32Array.from({ length: n }, () => Math.floor(rng() * c)) };
});
