// The grader's own perceptron arithmetic, in float64: the reference rule a solution's epoch() is
// compared with, and predictions from the per-epoch weights a solution's train() returns.
import * as tf from '@tensorflow/tfjs';
import type { PerceptronMode } from '../../contracts/leiden-perceptron.ts';

/** arg max_c W[c] . x (ties to the lowest c); W [C, d] flat, x one row [d]. */
export function argmaxScore(w: ArrayLike<number>, classes: number, x: ArrayLike<number>, xOffset: number, d: number, wOffset = 0): number {
  let best = 0, bestScore = -Infinity;
  for (let c = 0; c < classes; c++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += w[wOffset + c * d + j] * x[xOffset + j];
    if (s > bestScore) { best = c; bestScore = s; }
  }
  return best;
}

/** One epoch of the plain perceptron rule in sample order: W [C, d], x [n, d], labels [n] -> W' [C, d]. */
export function gradersEpoch(w0: ArrayLike<number>, classes: number, x: ArrayLike<number>, d: number, labels: ArrayLike<number>, mode: PerceptronMode, lr: number): Float64Array {
  const w = Float64Array.from(w0);
  const scoreWith = mode === 'online' ? w : Float64Array.from(w0); // batch scores every sample with W0
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i], p = argmaxScore(scoreWith, classes, x, i * d, d);
    if (p === y) continue;
    for (let j = 0; j < d; j++) { w[y * d + j] += lr * x[i * d + j]; w[p * d + j] -= lr * x[i * d + j]; }
  }
  return w;
}

/**
 * Accuracy after every epoch: weights [E, C, D + 1], features phi [n, D] (the bias input 1 is
 * appended here), labels [n] -> [E]. One matMul on the tfjs backend: [n, D + 1] x [D + 1, E * C].
 */
export async function accuracyPerEpoch(weights: Float32Array, shape: number[], phi: Float32Array, labels: Int32Array): Promise<number[]> {
  const [epochs, classes, d] = shape;
  const n = labels.length;
  const correct = tf.tidy(() => {
    const x = tf.concat([tf.tensor2d(phi, [n, d - 1]), tf.ones([n, 1])], 1); // [n, D + 1]
    const w = tf.tensor2d(weights, [epochs * classes, d]);
    const pred = tf.argMax(tf.reshape(tf.matMul(x, w, false, true), [n, epochs, classes]), 2); // [n, E]
    return tf.sum(tf.cast(tf.equal(pred, tf.tensor2d(labels, [n, 1], 'int32')), 'float32'), 0); // [E]
  });
  const counts = await correct.data();
  correct.dispose();
  return Array.from(counts, (c) => Math.round(c) / n); // counts of correct predictions, summed in float32
}
