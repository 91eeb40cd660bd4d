// Nearest neighbours by squared Euclidean distance on the tfjs backend: |q|^2 - 2 q.t + |t|^2 as one
// matMul per block of queries, then top-k. Plain JavaScript loops need minutes for full MNIST
// (10000 x 60000 x 784 multiply-adds); wasm's matMul does it in about a minute.
import * as tf from '@tensorflow/tfjs';

const BLOCK = 256; // queries per matMul: a [256, 60000] float32 block is 61 MB

/** ref [n, d], queries [m, d] -> indices of the k nearest rows of ref per query, nearest first: [m, k]. */
export async function nearestIndices(ref: Float32Array, n: number, queries: Float32Array, m: number, d: number, k: number): Promise<Int32Array> {
  const out = new Int32Array(m * k);
  const R = tf.tensor2d(ref, [n, d]);
  const refSq = tf.tidy(() => tf.sum(tf.square(R), 1)); // [n]
  try {
    for (let start = 0; start < m; start += BLOCK) {
      const b = Math.min(BLOCK, m - start);
      const idx = tf.tidy(() => {
        const Q = tf.tensor2d(queries.subarray(start * d, (start + b) * d), [b, d]);
        const qSq = tf.sum(tf.square(Q), 1, true); // [b, 1]
        const dist = tf.add(tf.sub(qSq, tf.mul(2, tf.matMul(Q, R, false, true))), refSq); // [b, n]
        return tf.topk(tf.neg(dist), k, true).indices; // [b, k], nearest first
      });
      out.set(await idx.data() as Int32Array, start * k);
      idx.dispose();
    }
  } finally {
    R.dispose(); refSq.dispose();
  }
  return out;
}

/** Majority vote per query over neighbours [m, k] (nearest first); ties go to the class seen first. */
export function vote(neighbours: Int32Array, k: number, labels: Int32Array): Int32Array {
  const m = neighbours.length / k;
  const pred = new Int32Array(m);
  const counts = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    counts.clear(); // Map keeps insertion order: classes in order of their nearest member
    for (let j = 0; j < k; j++) { const c = labels[neighbours[i * k + j]]; counts.set(c, (counts.get(c) ?? 0) + 1); }
    let best = -1, bestCount = 0;
    for (const [c, n] of counts) if (n > bestCount) { best = c; bestCount = n; }
    pred[i] = best;
  }
  return pred;
}
