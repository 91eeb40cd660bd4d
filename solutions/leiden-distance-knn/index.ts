// Reference solution for leiden-distance-knn: nearest-centroid and k-NN classifiers on deskewed,
// blurred, unit-length pixels (Euclidean distance between unit vectors ranks like cosine distance),
// and PCA / t-SNE / UMAP embeddings from maintained libraries.
import type { ClassifyOptions, Images, LabelledImages, LeidenDistanceKnn } from '../../src/contracts/leiden-distance-knn.ts';
import { embed } from './embed.ts';
import { digitFeatures } from './features.ts';
import { nearestIndices, vote } from './nearest.ts';

const FEATURES = { blur: true, unitLength: true };

/** Class means of the training features: centroids [C, d] for the classes present, and their ids [C]. */
function centroids(f: Float32Array, labels: Int32Array, d: number) {
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const row = new Map(classes.map((c, i) => [c, i]));
  const sums = new Float64Array(classes.length * d);
  const counts = new Float64Array(classes.length);
  labels.forEach((c, i) => {
    const r = row.get(c)!;
    counts[r]++;
    for (let j = 0; j < d; j++) sums[r * d + j] += f[i * d + j];
  });
  const means = Float32Array.from(sums, (s, k) => s / counts[Math.floor(k / d)]);
  return { means, ids: Int32Array.from(classes) };
}

async function classify(train: LabelledImages, inputs: Images, { method, k = 1 }: ClassifyOptions): Promise<Int32Array> {
  const d = train.shape[1] * train.shape[2] * train.shape[3];
  const n = train.shape[0], m = inputs.shape[0];
  const ft = digitFeatures(train, FEATURES), fq = digitFeatures(inputs, FEATURES);
  if (method === 'centroid') {
    const { means, ids } = centroids(ft, train.labels, d);
    const nearest = await nearestIndices(means, ids.length, fq, m, d, 1); // [m, 1]
    return Int32Array.from(nearest, (r) => ids[r]);
  }
  if (!Number.isInteger(k) || k < 1 || k > n) throw new Error(`k must be an integer in 1..${n}, got ${k}`);
  return vote(await nearestIndices(ft, n, fq, m, d, k), k, train.labels);
}

const solution: LeidenDistanceKnn = { classify, embed };
export default solution;
