// Exact t-SNE (van der Maaten & Hinton 2008) in float64, seeded. Written here because tsne-js took
// 146 s for 1,000 points x 300 iterations on this machine (ndarray + cwise per element); this
// plain-array version does 1,000 points x 1,000 iterations in a few seconds. O(n^2) memory and
// time per iteration: meant for the ~1,000-point maps a report shows, not for 10,000 points.
// Optimiser as in the paper and scikit-learn: early exaggeration for the first 250 steps,
// momentum 0.5 then 0.8, per-coordinate adaptive gains, learning rate max(n / exaggeration / 4, 50).
import { gaussian, makeRng } from '../../engine/seed.ts';

export interface TsneOptions {
  perplexity?: number; // default 30 (capped at (n - 1) / 3)
  iterations?: number; // default 1000
  exaggeration?: number; // default 12
  seed?: number; // seeds the initial map; default 0
}

/** Squared euclidean distances between the rows of x [n, d]: returns [n, n]. */
function squaredDistances(x: ArrayLike<number>, n: number, d: number): Float64Array {
  const dist = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) { const t = x[i * d + k] - x[j * d + k]; s += t * t; }
      dist[i * n + j] = s; dist[j * n + i] = s;
    }
  }
  return dist;
}

/** Row i of P(j|i) with the precision found by bisection so its entropy is log(perplexity). */
function conditionalRow(dist: Float64Array, n: number, i: number, logPerp: number, row: Float64Array): void {
  let beta = 1, lo = 0, hi = Infinity;
  for (let step = 0; step < 64; step++) {
    let sum = 0, weighted = 0;
    for (let j = 0; j < n; j++) {
      const p = j === i ? 0 : Math.exp(-dist[i * n + j] * beta);
      row[j] = p; sum += p; weighted += dist[i * n + j] * p;
    }
    sum = Math.max(sum, 1e-300);
    const entropy = Math.log(sum) + (beta * weighted) / sum;
    for (let j = 0; j < n; j++) row[j] /= sum;
    const gap = entropy - logPerp;
    if (Math.abs(gap) < 1e-5) return;
    if (gap > 0) { lo = beta; beta = hi === Infinity ? beta * 2 : (beta + hi) / 2; }
    else { hi = beta; beta = (beta + lo) / 2; }
  }
}

/** Joint probabilities P [n, n]: symmetrised conditionals, summing to 1. */
function jointProbabilities(dist: Float64Array, n: number, perplexity: number): Float64Array {
  const cond = new Float64Array(n * n);
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) { conditionalRow(dist, n, i, Math.log(perplexity), row); cond.set(row, i * n); }
  const p = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) p[i * n + j] = Math.max((cond[i * n + j] + cond[j * n + i]) / (2 * n), 1e-12);
  }
  return p;
}

/** Embeds the rows of x [n, d] in 2-D: returns [n, 2] row-major and the final KL divergence. */
export function tsne(x: ArrayLike<number>, n: number, d: number, o: TsneOptions = {}): { points: Float64Array; kl: number } {
  const perplexity = Math.min(o.perplexity ?? 30, Math.max(1, (n - 1) / 3));
  const iterations = o.iterations ?? 1000;
  const exaggeration = o.exaggeration ?? 12;
  const p = jointProbabilities(squaredDistances(x, n, d), n, perplexity);
  const rng = makeRng(`tsne:${o.seed ?? 0}`);
  const y = Float64Array.from({ length: 2 * n }, () => 1e-4 * gaussian(rng)); // [n, 2]
  const update = new Float64Array(2 * n), gains = new Float64Array(2 * n).fill(1), grad = new Float64Array(2 * n);
  const num = new Float64Array(n * n); // Student-t kernel 1 / (1 + |y_i - y_j|^2)
  const rate = Math.max(n / exaggeration / 4, 50);
  let kl = 0;
  for (let it = 0; it < iterations; it++) {
    const early = it < 250;
    const exag = early ? exaggeration : 1, momentum = early ? 0.5 : 0.8;
    let sumQ = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
        const q = 1 / (1 + dx * dx + dy * dy);
        num[i * n + j] = q; num[j * n + i] = q; sumQ += 2 * q;
      }
    }
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      let gx = 0, gy = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const q = num[i * n + j];
        const mult = (exag * p[i * n + j] - q / sumQ) * q;
        gx += mult * (y[2 * i] - y[2 * j]); gy += mult * (y[2 * i + 1] - y[2 * j + 1]);
      }
      grad[2 * i] = 4 * gx; grad[2 * i + 1] = 4 * gy;
    }
    let mx = 0, my = 0;
    for (let k = 0; k < 2 * n; k++) {
      // gains grow where the gradient keeps pointing against the last step, shrink where it flips
      gains[k] = Math.sign(grad[k]) !== Math.sign(update[k]) ? gains[k] + 0.2 : Math.max(gains[k] * 0.8, 0.01);
      update[k] = momentum * update[k] - rate * gains[k] * grad[k];
      y[k] += update[k];
      if (k % 2 === 0) mx += y[k]; else my += y[k];
    }
    for (let i = 0; i < n; i++) { y[2 * i] -= mx / n; y[2 * i + 1] -= my / n; }
    if (it === iterations - 1) kl = divergence(p, num, sumQ, n);
  }
  return { points: y, kl };
}

/** KL(P || Q) of the final map. */
function divergence(p: Float64Array, num: Float64Array, sumQ: number, n: number): number {
  let kl = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j) kl += p[i * n + j] * Math.log(p[i * n + j] / Math.max(num[i * n + j] / sumQ, 1e-300));
  }
  return kl;
}
