// The grader's convolution: its own float64 forward pass (by output element, over an explicitly
// zero-padded copy of x), the scalar loss sum(out * dout) whose central differences judge a
// solution's convBackward, and tfjs's conv2d and its gradients for the float32 comparison.
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import type { ConvParams } from '../../contracts/iust-p3-cnn.ts';
import { gaussian, makeRng } from '../../engine/seed.ts';
import type { Array2 } from '../../grading/types.ts';

export interface ConvCase {
  x: Array2<Float64Array>; // [N, H, W, C]
  w: Array2<Float64Array>; // [KH, KW, C, F]
  b: Float64Array; // [F]
  dout: Array2<Float64Array>; // [N, OH, OW, F] upstream gradient
  params: ConvParams;
}

export const outSide = (n: number, k: number, p: ConvParams) => Math.floor((n + 2 * p.pad - k) / p.stride) + 1;

/** Random geometry (every kernel fits the padded input) with seeded normal data. */
export const convCase: fc.Arbitrary<ConvCase> = fc.record({
  n: fc.integer({ min: 1, max: 2 }), h: fc.integer({ min: 1, max: 7 }), w: fc.integer({ min: 1, max: 7 }),
  c: fc.integer({ min: 1, max: 3 }), f: fc.integer({ min: 1, max: 3 }), kh: fc.integer({ min: 1, max: 4 }),
  kw: fc.integer({ min: 1, max: 4 }), stride: fc.integer({ min: 1, max: 3 }), pad: fc.integer({ min: 0, max: 2 }),
  seed: fc.nat(),
}).filter((g) => g.kh <= g.h + 2 * g.pad && g.kw <= g.w + 2 * g.pad).map((g) => {
  const rng = makeRng(`conv-case:${g.seed}`);
  const normal = (len: number) => Float64Array.from({ length: len }, () => gaussian(rng));
  const params = { stride: g.stride, pad: g.pad };
  const oh = outSide(g.h, g.kh, params), ow = outSide(g.w, g.kw, params);
  return {
    x: { data: normal(g.n * g.h * g.w * g.c), shape: [g.n, g.h, g.w, g.c] },
    w: { data: normal(g.kh * g.kw * g.c * g.f), shape: [g.kh, g.kw, g.c, g.f] },
    b: normal(g.f),
    dout: { data: normal(g.n * oh * ow * g.f), shape: [g.n, oh, ow, g.f] },
    params,
  };
});

/** out [N, OH, OW, F] in float64. */
export function gradersConv(x: Array2<Float64Array>, w: Array2<Float64Array>, b: Float64Array, p: ConvParams): Array2<Float64Array> {
  const [N, H, W, C] = x.shape, [KH, KW, , F] = w.shape;
  const HP = H + 2 * p.pad, WP = W + 2 * p.pad;
  const xp = new Float64Array(N * HP * WP * C); // [N, HP, WP, C] zero border
  for (let n = 0; n < N; n++) for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) for (let c = 0; c < C; c++) {
    xp[((n * HP + i + p.pad) * WP + j + p.pad) * C + c] = x.data[((n * H + i) * W + j) * C + c];
  }
  const OH = outSide(H, KH, p), OW = outSide(W, KW, p);
  const out = new Float64Array(N * OH * OW * F);
  for (let n = 0; n < N; n++) for (let i = 0; i < OH; i++) for (let j = 0; j < OW; j++) for (let f = 0; f < F; f++) {
    let s = b[f];
    for (let a = 0; a < KH; a++) for (let q = 0; q < KW; q++) for (let c = 0; c < C; c++) {
      s += xp[((n * HP + i * p.stride + a) * WP + j * p.stride + q) * C + c] * w.data[((a * KW + q) * C + c) * F + f];
    }
    out[((n * OH + i) * OW + j) * F + f] = s;
  }
  return { data: out, shape: [N, OH, OW, F] };
}

/** L(theta) = sum(conv(x, w, b) * dout), theta = [x; w; b] flattened: what convBackward differentiates. */
export function convLoss(k: ConvCase): (theta: Float64Array) => number {
  const nx = k.x.data.length, nw = k.w.data.length;
  return (theta) => {
    const out = gradersConv({ data: theta.subarray(0, nx), shape: k.x.shape }, { data: theta.subarray(nx, nx + nw), shape: k.w.shape }, theta.subarray(nx + nw), k.params);
    return out.data.reduce((s, v, i) => s + v * k.dout.data[i], 0);
  };
}

export const packTheta = (k: ConvCase) => Float64Array.from([...k.x.data, ...k.w.data, ...k.b]);

/** tfjs (float32, the engine's backend): out and the gradients of sum(out * dout). */
export async function tfjsConv(k: ConvCase): Promise<{ out: Float32Array; dx: Float32Array; dw: Float32Array; db: Float32Array }> {
  const x = tf.tensor4d(Float32Array.from(k.x.data), k.x.shape as [number, number, number, number], 'float32');
  const w = tf.tensor4d(Float32Array.from(k.w.data), k.w.shape as [number, number, number, number], 'float32');
  const b = tf.tensor1d(Float32Array.from(k.b), 'float32');
  const dout = tf.tensor4d(Float32Array.from(k.dout.data), k.dout.shape as [number, number, number, number], 'float32');
  // Zeros padded explicitly, then 'valid': tf.conv2d's numeric `pad` sizes the output width with the
  // filter's height (tfjs 4.22 computeOutputShape2D), wrong for non-square kernels.
  const p = k.params.pad;
  const conv = (xx: tf.Tensor4D, ww: tf.Tensor4D, bb: tf.Tensor1D) =>
    tf.add(tf.conv2d(tf.pad(xx, [[0, 0], [p, p], [p, p], [0, 0]]), ww, k.params.stride, 'valid'), bb) as tf.Tensor4D;
  const out = conv(x, w, b);
  const grads = tf.grads((xx, ww, bb) => tf.sum(tf.mul(conv(xx as tf.Tensor4D, ww as tf.Tensor4D, bb as tf.Tensor1D), dout)))([x, w, b]);
  const [o, dx, dw, db] = await Promise.all([out, ...grads].map((t) => t.data() as Promise<Float32Array>));
  tf.dispose([x, w, b, dout, out, ...grads]);
  return { out: o, dx, dw, db };
}

/** Norm-based relative difference ||a - b|| / (||a|| + ||b||), 0 when both vanish. */
export function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0, na = 0, nb = 0;
  for (let i = 0; i < b.length; i++) { d += (a[i] - b[i]) ** 2; na += a[i] ** 2; nb += b[i] ** 2; }
  const denom = Math.sqrt(na) + Math.sqrt(nb);
  return denom === 0 ? 0 : Math.sqrt(d) / denom;
}
