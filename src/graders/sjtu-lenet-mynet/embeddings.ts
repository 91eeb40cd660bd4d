// 2-D maps of the output layer, as the seed drew them: PCA (linear) and t-SNE (neighbourhoods) of
// the 10 values each test image gets from the last layer. The grader computes both from the
// imported model's outputs; a 5-nearest-neighbour vote inside the t-SNE map measures how well the
// output layer separates the classes (0.1 for an untrained net, near the test accuracy for a trained one).
import { PCA } from 'ml-pca';
import { tsne } from './tsne.ts';

export interface Map2d {
  points: Float64Array; // [m, 2]
  labels: Int32Array; // [m]
}

/** m indices spread evenly over 0..n-1 (the test sets are in their original, class-mixed order). */
export function spread(n: number, m: number): Int32Array {
  const k = Math.min(n, m);
  return Int32Array.from({ length: k }, (_, i) => Math.floor((i * n) / k));
}

function rows(outputs: Float32Array, idx: Int32Array, d: number): number[][] {
  return Array.from(idx, (i) => Array.from(outputs.subarray(i * d, (i + 1) * d)));
}

/** PCA of outputs [n, d], fitted on the rows idx and projected on its first two components. */
export function pcaMap(outputs: Float32Array, labels: Int32Array, idx: Int32Array, d = 10): Map2d & { explained: number[] } {
  const x = rows(outputs, idx, d);
  const pca = new PCA(x); // centred, not scaled: the logits share one scale
  const projected = pca.predict(x, { nComponents: 2 });
  const points = new Float64Array(2 * idx.length);
  for (let i = 0; i < idx.length; i++) { points[2 * i] = projected.get(i, 0); points[2 * i + 1] = projected.get(i, 1); }
  return { points, labels: Int32Array.from(idx, (i) => labels[i]), explained: pca.getExplainedVariance().slice(0, 2) };
}

/** t-SNE of outputs [n, d] at the rows idx. */
export function tsneMap(outputs: Float32Array, labels: Int32Array, idx: Int32Array, seed: number, iterations: number, d = 10): Map2d & { kl: number } {
  const x = new Float64Array(idx.length * d);
  idx.forEach((i, r) => { for (let k = 0; k < d; k++) x[r * d + k] = outputs[i * d + k]; });
  const { points, kl } = tsne(x, idx.length, d, { seed, iterations });
  return { points, labels: Int32Array.from(idx, (i) => labels[i]), kl };
}

/** Leave-one-out k-NN accuracy inside a 2-D map (ties go to the nearer neighbours' class). */
export function knnAccuracy(map: Map2d, k = 5): number {
  const m = map.labels.length;
  const dist = new Float64Array(m);
  const order = Array.from({ length: m }, (_, j) => j);
  let correct = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const dx = map.points[2 * i] - map.points[2 * j], dy = map.points[2 * i + 1] - map.points[2 * j + 1];
      dist[j] = j === i ? Infinity : dx * dx + dy * dy;
    }
    order.sort((a, b) => dist[a] - dist[b]);
    const votes = new Map<number, number>();
    let best = -1, bestVotes = 0;
    for (let r = 0; r < Math.min(k, m - 1); r++) {
      const c = map.labels[order[r]];
      const v = (votes.get(c) ?? 0) + 1;
      votes.set(c, v);
      if (v > bestVotes) { best = c; bestVotes = v; } // strictly more: an earlier (nearer) class keeps a tie
    }
    if (best === map.labels[i]) correct++;
  }
  return correct / m;
}
