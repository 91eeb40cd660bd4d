// The grader's own float64 forward passes, written independently of any solution, and the scalar
// losses the gradient checks differentiate: L = sum(G * output) for a fixed random G.
import type { AttentionKind, F64 } from '../../contracts/iust-p5-rnn-attention.ts';
import { gaussian, type Rng } from '../../engine/seed.ts';

export const randomArray = (shape: number[], rng: Rng, scale = 1): F64 =>
  ({ data: Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => scale * gaussian(rng)), shape });

/** h [T, N, H] of h_t = tanh(x_t Wx + h_{t-1} Wh + b). */
export function rnnReference(x: F64, h0: F64, Wx: F64, Wh: F64, b: F64): Float64Array {
  const [T, N, D] = x.shape;
  const H = h0.shape[1];
  const h = new Float64Array(T * N * H);
  for (let t = 0; t < T; t++) for (let n = 0; n < N; n++) for (let j = 0; j < H; j++) {
    let z = b.data[j];
    for (let d = 0; d < D; d++) z += x.data[(t * N + n) * D + d] * Wx.data[d * H + j];
    for (let i = 0; i < H; i++) z += (t === 0 ? h0.data[n * H + i] : h[((t - 1) * N + n) * H + i]) * Wh.data[i * H + j];
    h[(t * N + n) * H + j] = Math.tanh(z);
  }
  return h;
}

/** Scores [N, L] = q . k_l / sqrt(D). */
export function scoresReference(q: F64, k: F64): Float64Array {
  const [N, L, D] = k.shape;
  const s = new Float64Array(N * L);
  for (let n = 0; n < N; n++) for (let l = 0; l < L; l++) {
    let dot = 0;
    for (let d = 0; d < D; d++) dot += q.data[n * D + d] * k.data[(n * L + l) * D + d];
    s[n * L + l] = dot / Math.sqrt(D);
  }
  return s;
}

/** out [N, E] = sum_l a_l v_l with a = softmax(scores) or the one-hot of the first argmax. */
export function attendReference(scores: Float64Array, v: F64, kind: AttentionKind): { out: Float64Array; weights: Float64Array } {
  const [N, L, E] = v.shape;
  const weights = new Float64Array(N * L), out = new Float64Array(N * E);
  for (let n = 0; n < N; n++) {
    const row = scores.subarray(n * L, (n + 1) * L);
    let best = 0;
    for (let l = 1; l < L; l++) if (row[l] > row[best]) best = l;
    if (kind === 'argmax') weights[n * L + best] = 1;
    else {
      const e = Array.from(row, (s) => Math.exp(s - row[best]));
      const z = e.reduce((a, b) => a + b, 0);
      e.forEach((x, l) => { weights[n * L + l] = x / z; });
    }
    for (let l = 0; l < L; l++) for (let e = 0; e < E; e++) out[n * E + e] += weights[n * L + l] * v.data[(n * L + l) * E + e];
  }
  return { out, weights };
}

export const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Splits a flat parameter vector back into arrays of the given shapes. */
export function unflatten(theta: Float64Array, shapes: number[][]): F64[] {
  let at = 0;
  return shapes.map((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const part = { data: theta.slice(at, at + n), shape };
    at += n;
    return part;
  });
}

export function flatten(parts: ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
