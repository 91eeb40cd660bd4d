// k-NN bias and variance: the grader hands the solution MNIST training digits whose labels it has
// partly randomised (label noise is what makes K = 1 overfit visibly: it memorises the wrong labels),
// asks for predictions on the training points themselves and on clean test digits for every K, and
// turns them into the train and test error curves.
import type { ImageSet } from '../../data/index.ts';
import { makeRng } from '../../engine/seed.ts';
import type { Array2 } from '../../grading/types.ts';

/** Pixels / 255 as x [n, 784]. */
export function toPoints(set: ImageSet): Array2 {
  return { data: Float32Array.from(set.images, (v) => v / 255), shape: [set.shape[0], set.shape[1] * set.shape[2] * set.shape[3]] };
}

/** A copy of labels where each entry, with probability `rate`, is replaced by a uniform class 0..classes-1. */
export function noisyLabels(labels: Int32Array, rate: number, classes: number, seed: number): Int32Array {
  const rng = makeRng(`iust-p2:label-noise:${seed}`);
  return labels.map((l) => (rng() < rate ? Math.floor(rng() * classes) : l));
}

/** Error rate per K from predictions [ks, M] against labels [M]. */
export function errorCurve(pred: Array2<Int32Array>, labels: Int32Array): number[] {
  const [k, m] = pred.shape;
  return Array.from({ length: k }, (_, ki) => {
    let wrong = 0;
    for (let i = 0; i < m; i++) if (pred.data[ki * m + i] !== labels[i]) wrong++;
    return wrong / m;
  });
}

/** Spearman rank correlation of two equally long sequences (average ranks for ties). */
export function spearman(a: number[], b: number[]): number {
  const ranks = (v: number[]) => {
    const order = v.map((x, i) => [x, i]).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(v.length);
    for (let i = 0; i < order.length;) {
      let j = i;
      while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
      for (let k = i; k <= j; k++) r[order[k][1]] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const [ra, rb] = [ranks(a), ranks(b)];
  const mean = (ra.length - 1) / 2;
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < ra.length; i++) { num += (ra[i] - mean) * (rb[i] - mean); da += (ra[i] - mean) ** 2; db += (rb[i] - mean) ** 2; }
  return num / Math.sqrt(da * db);
}
