// 2-D embeddings with maintained libraries: ml-pca (principal axes from the covariance matrix),
// tsne-js (exact t-SNE) and umap-js. All three see the pixels scaled to [0, 1], one row per image.
import { PCA } from 'ml-pca';
import TSNE from 'tsne-js';
import { UMAP } from 'umap-js';
import type { EmbedOptions, Images } from '../../src/contracts/leiden-distance-knn.ts';
import { makeRng } from '../../src/kit.ts';

/** images [n, h, w, c] -> rows [n][h*w*c] in [0, 1], the nested arrays the libraries take. */
function rows(set: Images): number[][] {
  const [n, h, w, c] = set.shape;
  const d = h * w * c;
  return Array.from({ length: n }, (_, i) => Array.from(set.images.subarray(i * d, (i + 1) * d), (v) => v / 255));
}

/**
 * Projection of the centred rows on the top two principal axes. ml-pca solves a full symmetric
 * eigenproblem (O(size^3), the slow part), so it gets the smaller of two equivalent matrices: the
 * covariance [q, q] over the q pixels that vary (border pixels never do), or, with fewer images than
 * that, the Gram matrix [n, n] of the centred rows, whose eigenvectors u_c give the projections
 * directly as u_c * sqrt(lambda_c).
 */
function pca2(x: number[][]): number[][] {
  const n = x.length, d = x[0].length;
  const keep = Array.from({ length: d }, (_, j) => j).filter((j) => x.some((r) => r[j] !== x[0][j]));
  const mean = keep.map((j) => x.reduce((s, r) => s + r[j], 0) / n);
  const xc = x.map((r) => keep.map((j, a) => r[j] - mean[a])); // [n, q]
  if (n < keep.length) {
    const gram = xc.map((a) => xc.map((b) => a.reduce((s, v, k) => s + v * b[k], 0)));
    const model = new PCA(gram, { isCovarianceMatrix: true });
    const u = model.getEigenvectors(), lambda = model.getEigenvalues();
    return xc.map((_, i) => [0, 1].map((c) => u.get(i, c) * Math.sqrt(Math.max(lambda[c], 0))));
  }
  // Covariance as (X^T X - n mean mean^T) / (n - 1) over the non-zero pixels of each row (digits
  // are mostly background): far cheaper than a dense product of the centred matrix.
  const q = keep.length;
  const cov = Array.from({ length: q }, () => new Float64Array(q));
  for (const r of x) {
    const nz = keep.map((j, a) => [a, r[j]]).filter(([, v]) => v !== 0);
    for (const [a, va] of nz) for (const [b, vb] of nz) cov[a][b] += va * vb;
  }
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) cov[a][b] = (cov[a][b] - n * mean[a] * mean[b]) / (n - 1);
  const axes = new PCA(cov.map((row) => Array.from(row)), { isCovarianceMatrix: true }).getEigenvectors(); // columns by variance
  return xc.map((r) => [0, 1].map((c) => r.reduce((s, v, a) => s + v * axes.get(a, c), 0)));
}

/** tsne-js draws its initial layout from Math.random: seed it for this call only. */
function tsne2(x: number[][], seed: number): number[][] {
  const saved = Math.random;
  Math.random = makeRng(`tsne:${seed}`);
  try {
    // Exact t-SNE costs O(n^2) per iteration; 300 iterations (the first 100 with early
    // exaggeration) settle the clusters on a few hundred to a thousand digits.
    const model = new TSNE({ dim: 2, perplexity: 30, earlyExaggeration: 4, learningRate: 100, nIter: 300, metric: 'euclidean' });
    model.init({ data: x, type: 'dense' });
    model.run();
    return model.getOutput() as number[][];
  } finally {
    Math.random = saved;
  }
}

function umap2(x: number[][], seed: number): number[][] {
  const nNeighbors = Math.min(15, x.length - 1);
  return new UMAP({ nComponents: 2, nNeighbors, minDist: 0.1, random: makeRng(`umap:${seed}`) }).fit(x);
}

/** images [n, 28, 28, 1] -> {data: [n * 2], shape: [n, 2]} */
export function embed(set: Images, { method, seed }: EmbedOptions) {
  const x = rows(set);
  const y = method === 'pca' ? pca2(x) : method === 'tsne' ? tsne2(x, seed) : umap2(x, seed);
  const data = new Float32Array(2 * y.length);
  y.forEach((p, i) => { data[2 * i] = p[0]; data[2 * i + 1] = p[1]; });
  return { data, shape: [y.length, 2] };
}
