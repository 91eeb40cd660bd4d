// The grader's own saliency (tf.grad of the chosen logit on its copy of the model), a copy of the
// model with re-randomised weights for the sanity check (Adebayo et al., 2018), and the
// comparisons: norm-based relative error and Spearman rank correlation per image.
import * as tf from '@tensorflow/tfjs';
import type { ExplainImages } from '../../contracts/ml2020-hw5-explain.ts';
import { exportModel, importModel, type ModelArtifact } from '../../grading/model-artifact.ts';

/** max over channels of |d logits[i][classes[i]] / d x|, x = pixel / 255: [n * 32 * 32]. */
export function gradersSaliency(model: tf.LayersModel, batch: ExplainImages, classes: Int32Array): Float32Array {
  return tf.tidy(() => {
    const x = tf.div(tf.tensor4d(batch.images, batch.shape, 'int32').toFloat(), 255);
    const onehot = tf.oneHot(tf.tensor1d(classes, 'int32'), 10);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(model.apply(v, { training: false }) as tf.Tensor, onehot)))(x);
    return tf.max(tf.abs(g), -1).dataSync() as Float32Array;
  });
}

/**
 * The same architecture with every weight drawn afresh: kernels Glorot-uniform (seeded), biases
 * and batch-norm shifts 0, scales 1, moving mean 0 and variance 1 (a freshly built network).
 */
export async function rerandomised(artifact: ModelArtifact, seed: number): Promise<ModelArtifact> {
  const model = await importModel(artifact);
  let k = 0;
  for (const layer of model.layers) {
    const fresh = layer.weights.map((w) => {
      const shape = w.shape as number[];
      if (w.originalName.endsWith('kernel')) {
        const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1), fanOut = shape.length === 4 ? shape[0] * shape[1] * shape[3] : shape[shape.length - 1];
        const limit = Math.sqrt(6 / (fanIn + fanOut));
        return tf.randomUniform(shape, -limit, limit, 'float32', seed * 1000 + ++k);
      }
      return /gamma|moving_variance/.test(w.originalName) ? tf.ones(shape) : tf.zeros(shape);
    });
    if (fresh.length) layer.setWeights(fresh);
    tf.dispose(fresh);
  }
  try { return await exportModel(model); } finally { model.dispose(); }
}

/** ||a - b|| / max(||a||, ||b||, tiny): 0 when equal, 1 or more when unrelated in size. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) { d += (a[i] - b[i]) ** 2; na += a[i] ** 2; nb += b[i] ** 2; }
  return Math.sqrt(d) / Math.max(Math.sqrt(na), Math.sqrt(nb), 1e-30);
}

/** Ranks 1..n with ties given their average rank. */
function ranks(v: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: v.length }, (_, i) => i).sort((i, j) => v[i] - v[j]);
  const r = new Float64Array(v.length);
  for (let lo = 0; lo < order.length;) {
    let hi = lo;
    while (hi + 1 < order.length && v[order[hi + 1]] === v[order[lo]]) hi++;
    for (let j = lo; j <= hi; j++) r[order[j]] = (lo + hi) / 2 + 1;
    lo = hi + 1;
  }
  return r;
}

/** Spearman rank correlation of two equal-length vectors (0 when either is constant). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const [ra, rb] = [ranks(a), ranks(b)];
  const mean = (ra.length + 1) / 2;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < ra.length; i++) { sab += (ra[i] - mean) * (rb[i] - mean); saa += (ra[i] - mean) ** 2; sbb += (rb[i] - mean) ** 2; }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** Spearman correlation per image of maps [n * per]: [n]. */
export function perImageSpearman(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number[] {
  const per = a.length / n;
  const slice = (v: ArrayLike<number>, i: number) => Array.prototype.slice.call(v, i * per, (i + 1) * per) as number[];
  return Array.from({ length: n }, (_, i) => spearman(slice(a, i), slice(b, i)));
}

/**
 * Central differences of the chosen logit at a few pixels of image i, one channel at a time
 * (float32 forward passes, step h on the pixel / 255 scale): max over channels of |difference|,
 * in the order of `pixels` (flat y * 32 + x). A check of the gradient that does not use tf.grad.
 */
export function finiteDifferenceSaliency(model: tf.LayersModel, batch: ExplainImages, i: number, cls: number, pixels: number[], h = 1e-3): number[] {
  const PER = 32 * 32 * 3;
  const base = Float32Array.from(batch.images.subarray(i * PER, (i + 1) * PER), (v) => v / 255);
  const m = pixels.length * 3 * 2; // [pixel, channel, +/-]
  const xs = new Float32Array(m * PER);
  pixels.forEach((p, a) => [0, 1, 2].forEach((ch) => [1, -1].forEach((sign, b) => {
    const row = (a * 3 + ch) * 2 + b;
    xs.set(base, row * PER);
    xs[row * PER + p * 3 + ch] += sign * h;
  })));
  const logits = tf.tidy(() => (model.predict(tf.tensor4d(xs, [m, 32, 32, 3])) as tf.Tensor).dataSync());
  return pixels.map((_, a) => Math.max(...[0, 1, 2].map((ch) => {
    const row = (a * 3 + ch) * 2;
    return Math.abs(logits[row * 10 + cls] - logits[(row + 1) * 10 + cls]) / (2 * h);
  })));
}
