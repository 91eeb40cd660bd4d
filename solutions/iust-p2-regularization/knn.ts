// k-NN for several K at once: squared Euclidean distances as |q|^2 + |x|^2 - 2 q.x (one tfjs matMul per
// block of queries), each query's neighbours sorted once, then a vote among the first K for every K.
// Vote ties go to the tied class whose member is nearest (the first one met in distance order).
import * as tf from '@tensorflow/tfjs';
import type { LabelledPoints } from '../../src/contracts/iust-p2-regularization.ts';
import type { Array2 } from '../../src/kit.ts';

const BLOCK = 500; // queries per matMul: [500, N] distances at a time

export async function knnPredict(train: LabelledPoints, queries: Array2, ks: number[]): Promise<Array2<Int32Array>> {
  const [n, d] = train.x.shape;
  const m = queries.shape[0];
  const classes = Math.max(...train.labels) + 1;
  const out = new Int32Array(ks.length * m); // [ks.length, M]
  const x = tf.tensor2d(train.x.data, [n, d]);
  const xNorm = tf.tidy(() => x.square().sum(1)); // [N]
  for (let lo = 0; lo < m; lo += BLOCK) {
    const size = Math.min(BLOCK, m - lo);
    const dist = tf.tidy(() => {
      const q = tf.tensor2d(queries.data.subarray(lo * d, (lo + size) * d), [size, d]);
      return q.square().sum(1, true).add(xNorm).sub(tf.matMul(q, x, false, true).mul(2)); // [size, N]
    });
    const values = await dist.data();
    dist.dispose();
    const order = Array.from({ length: n }, (_, j) => j);
    for (let i = 0; i < size; i++) {
      const row = values.subarray(i * n, (i + 1) * n);
      order.sort((a, b) => row[a] - row[b] || a - b);
      ks.forEach((k, ki) => { out[ki * m + lo + i] = vote(order, train.labels, k, classes); });
    }
  }
  tf.dispose([x, xNorm]);
  return { data: out, shape: [ks.length, m] };
}

function vote(order: number[], labels: Int32Array, k: number, classes: number): number {
  const counts = new Int32Array(classes);
  for (let j = 0; j < k; j++) counts[labels[order[j]]]++;
  const top = Math.max(...counts);
  for (let j = 0; j < k; j++) if (counts[labels[order[j]]] === top) return labels[order[j]];
  return labels[order[0]];
}
