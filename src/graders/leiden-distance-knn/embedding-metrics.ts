// The grader's own measurements of a 2-D embedding, independent of the solution's libraries:
// - pcaTopTwoRatio: the share of pixel variance the top two principal axes hold (power iteration);
// - capturedRatio: the share of pixel variance a given [n, 2] embedding's span explains (least
//   squares of the centred pixels on the centred coordinates). For a PCA projection it equals
//   pcaTopTwoRatio; no 2-D linear map of the pixels can exceed it (Ky Fan), and a non-linear map
//   (t-SNE, noise) falls well below it.
// - neighbourAccuracy: leave-one-out k-NN accuracy of the digit labels in the 2-D plane, how well an
//   embedding keeps same-digit images together.

/** images [n, d] bytes -> centred float64 rows [n, d] (pixels / 255) and the total variance. */
export function centred(images: Uint8Array, n: number, d: number): { x: Float64Array; total: number } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += images[i * d + j] / 255 / n;
  const x = new Float64Array(n * d);
  let total = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) {
    const v = images[i * d + j] / 255 - mean[j];
    x[i * d + j] = v; total += v * v / n;
  }
  return { x, total };
}

/** v <- X^T X v / n for centred X [n, d]: one covariance-times-vector product without forming C. */
function covTimes(x: Float64Array, n: number, d: number, v: Float64Array): Float64Array {
  const out = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[i * d + j] * v[j];
    for (let j = 0; j < d; j++) out[j] += x[i * d + j] * s / n;
  }
  return out;
}

/** (lambda1 + lambda2) / total variance, by power iteration with deflation (float64). */
export function pcaTopTwoRatio(x: Float64Array, n: number, d: number, total: number, iterations = 300): number {
  const found: Array<{ v: Float64Array; lambda: number }> = [];
  for (let c = 0; c < 2; c++) {
    let v = Float64Array.from({ length: d }, (_, j) => Math.sin(1 + j * (c + 1))); // fixed start
    let lambda = 0;
    for (let t = 0; t < iterations; t++) {
      for (const f of found) { const dot = v.reduce((s, vj, j) => s + vj * f.v[j], 0); v = v.map((vj, j) => vj - dot * f.v[j]); }
      const w = covTimes(x, n, d, v);
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      const next = w.reduce((s, wj, j) => s + wj * v[j], 0) / v.reduce((s, vj) => s + vj * vj, 0);
      v = w.map((wj) => wj / norm);
      const settled = Math.abs(next - lambda) <= 1e-13 * next;
      lambda = next;
      if (settled) break;
    }
    found.push({ v, lambda });
  }
  return (found[0].lambda + found[1].lambda) / total;
}

/** Variance of centred X [n, d] explained by the span of embedding Y [n, 2], over total. */
export function capturedRatio(x: Float64Array, n: number, d: number, total: number, y: ArrayLike<number>): number {
  const my = [0, 1].map((c) => Array.from({ length: n }, (_, i) => y[2 * i + c]).reduce((a, b) => a + b, 0) / n);
  const yc = Float64Array.from({ length: 2 * n }, (_, k) => y[k] - my[k % 2]);
  let g00 = 0, g01 = 0, g11 = 0; // G = Yc^T Yc [2, 2]
  for (let i = 0; i < n; i++) { g00 += yc[2 * i] ** 2; g01 += yc[2 * i] * yc[2 * i + 1]; g11 += yc[2 * i + 1] ** 2; }
  const det = g00 * g11 - g01 * g01;
  if (!(det > 1e-12 * (g00 * g11 + 1e-300))) return 0; // rank < 2: the embedding spans a line at most
  const m0 = new Float64Array(d), m1 = new Float64Array(d); // M = Yc^T X [2, d]
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) { m0[j] += yc[2 * i] * x[i * d + j]; m1[j] += yc[2 * i + 1] * x[i * d + j]; }
  let captured = 0; // trace(M^T G^-1 M) / n
  for (let j = 0; j < d; j++) captured += (g11 * m0[j] ** 2 - 2 * g01 * m0[j] * m1[j] + g00 * m1[j] ** 2) / det;
  return captured / n / total;
}

/** Leave-one-out k-NN accuracy of labels [n] in the plane y [n, 2] (plain majority, nearest breaks ties). */
export function neighbourAccuracy(y: ArrayLike<number>, labels: ArrayLike<number>, k = 5): number {
  const n = labels.length;
  let ok = 0;
  const nearD = new Float64Array(k), nearJ = new Int32Array(k); // the k nearest so far, sorted
  for (let i = 0; i < n; i++) {
    nearD.fill(Infinity); nearJ.fill(-1);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dj = (y[2 * j] - y[2 * i]) ** 2 + (y[2 * j + 1] - y[2 * i + 1]) ** 2;
      if (!(dj < nearD[k - 1])) continue;
      let p = k - 1; // insertion into the sorted top-k
      while (p > 0 && nearD[p - 1] > dj) { nearD[p] = nearD[p - 1]; nearJ[p] = nearJ[p - 1]; p--; }
      nearD[p] = dj; nearJ[p] = j;
    }
    const votes = new Map<number, number>();
    for (const j of nearJ) if (j >= 0) votes.set(labels[j], (votes.get(labels[j]) ?? 0) + 1);
    let best = -1, bestN = 0;
    for (const [c, v] of votes) if (v > bestN) { best = c; bestN = v; }
    if (best === labels[i]) ok++;
  }
  return ok / n;
}
