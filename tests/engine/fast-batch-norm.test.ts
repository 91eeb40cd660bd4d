// The FusedBatchNorm gradient of src/engine/gradients (registered for every backend) against
// float64 central differences and against tfjs's stock gradient, on wasm and cpu, over random
// shapes (fast-check): alone (all five inputs free) and in context (batch statistics from
// tf.moments, as tf.layers.batchNormalization trains). Negative control: a gradient whose variance
// term lacks the -1/2 must fail both checks.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { gaussian, makeRng } from '../../src/engine/index.ts';
import { registerWasmTrainingKernels } from '../../src/engine/kernels/index.ts';
import { registerFastGradients } from '../../src/engine/gradients/index.ts';
import { fusedBatchNormGradConfig as fast, stockFusedBatchNormGrad as stock } from '../../src/engine/gradients/fused-batch-norm-grad.ts';

const NAMES = ['x', 'mean', 'variance', 'scale', 'offset'] as const;
type Inputs = Record<(typeof NAMES)[number], Float64Array>;
const bnCase = fc.record({
  n: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 1, max: 3 }), w: fc.integer({ min: 1, max: 3 }),
  c: fc.integer({ min: 1, max: 4 }), eps: fc.constantFrom(1e-3, 1e-5), seed: fc.integer(),
});
type BnCase = typeof bnCase extends fc.Arbitrary<infer T> ? T : never;

beforeAll(async () => {
  registerWasmTrainingKernels();
  registerFastGradients();
  await import('@tensorflow/tfjs-backend-wasm');
});

function data(c: BnCase): { v: Inputs; dy: Float64Array } {
  const rng = makeRng(c.seed), m = c.n * c.h * c.w * c.c;
  const r = (k: number, f: () => number) => Float64Array.from({ length: k }, f);
  return {
    v: { x: r(m, () => gaussian(rng)), mean: r(c.c, () => gaussian(rng) * 0.5), variance: r(c.c, () => 0.2 + rng()),
      scale: r(c.c, () => 0.5 + rng()), offset: r(c.c, () => gaussian(rng)) },
    dy: r(m, () => gaussian(rng)),
  };
}

/** Per-channel mean and (biased) variance of x [.., C], as tf.moments over [0, 1, 2]. */
function moments(c: BnCase, x: Float64Array): [Float64Array, Float64Array] {
  const per = x.length / c.c, mean = new Float64Array(c.c), vari = new Float64Array(c.c);
  for (let i = 0; i < x.length; i++) mean[i % c.c] += x[i] / per;
  for (let i = 0; i < x.length; i++) vari[i % c.c] += (x[i] - mean[i % c.c]) ** 2 / per;
  return [mean, vari];
}

/** L = sum(dy * batchNorm(...)) in float64; with `batchStats`, mean and variance come from x. */
function loss(c: BnCase, v: Inputs, dy: Float64Array, batchStats: boolean): number {
  const m = v.x.length;
  const [mean, vari] = batchStats ? moments(c, v.x) : [v.mean, v.variance];
  let l = 0;
  for (let i = 0; i < m; i++) {
    const k = i % c.c;
    l += dy[i] * ((v.x[i] - mean[k]) / Math.sqrt(vari[k] + c.eps) * v.scale[k] + v.offset[k]);
  }
  return l;
}

function centralDifferences(c: BnCase, v: Inputs, dy: Float64Array, batchStats: boolean, names: readonly (keyof Inputs)[]): Float64Array[] {
  const h = 1e-5;
  return names.map((name) => v[name].map((_, i) => {
    const keep = v[name][i];
    v[name][i] = keep + h; const up = loss(c, v, dy, batchStats);
    v[name][i] = keep - h; const down = loss(c, v, dy, batchStats);
    v[name][i] = keep;
    return (up - down) / (2 * h);
  }));
}

/** Norm-based relative error; `floor` stands in for a norm that cancels to about 0. */
const relErr = (got: ArrayLike<number>, want: ArrayLike<number>, floor = 1e-12) => {
  let d = 0, n = 0;
  for (let i = 0; i < want.length; i++) { d += (got[i] - want[i]) ** 2; n += want[i] ** 2; }
  return Math.sqrt(d) / Math.max(Math.sqrt(n), floor);
};
const norm = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, x) => s + x * x, 0));

/** The five gradients from a GradConfig's gradFunc, evaluated on the current backend. */
function viaGradFunc(config: tf.GradConfig, c: BnCase, v: Inputs, dy: Float64Array): Float32Array[] {
  return tf.tidy(() => {
    const t = (a: Float64Array, s: number[]) => tf.tensor(Float32Array.from(a), s);
    const shape = [c.n, c.h, c.w, c.c];
    const saved = [t(v.x, shape), t(v.mean, [c.c]), t(v.variance, [c.c]), t(v.scale, [c.c])];
    const grads = config.gradFunc(t(dy, shape), saved, { varianceEpsilon: c.eps });
    return NAMES.map((name) => grads[name]().dataSync() as Float32Array);
  });
}

/** Every input's gradient agrees with central differences (1e-3) and the stock gradient (1e-4). */
function aloneMatches(config: tf.GradConfig) {
  return fc.property(bnCase, (c) => {
    const { v, dy } = data(c);
    const got = viaGradFunc(config, c, v, dy), want = centralDifferences(c, v, dy, false, NAMES);
    const reference = viaGradFunc(stock, c, v, dy);
    return got.every((g, i) => relErr(g, want[i]) < 1e-3 && relErr(g, reference[i]) < 1e-4);
  });
}

/** tf.grads of sum(dy * batchNorm(x, moments(x), ...)) for x, scale and offset vs central differences. */
function inContextMatches() {
  return fc.property(bnCase.filter((c) => c.n * c.h * c.w >= 2), (c) => {
    const { v, dy } = data(c);
    const shape = [c.n, c.h, c.w, c.c];
    const got = tf.tidy(() => {
      const f = (x: tf.Tensor, scale: tf.Tensor, offset: tf.Tensor) => {
        const { mean, variance } = tf.moments(x, [0, 1, 2]);
        return tf.sum(tf.mul(tf.tensor(Float32Array.from(dy), shape), tf.batchNorm(x, mean, variance, offset, scale, c.eps)));
      };
      const gs = tf.grads(f)([tf.tensor(Float32Array.from(v.x), shape), tf.tensor(Float32Array.from(v.scale)), tf.tensor(Float32Array.from(v.offset))]);
      return gs.map((g) => g.dataSync() as Float32Array);
    });
    const want = centralDifferences(c, v, dy, true, ['x', 'scale', 'offset']);
    // With few values per channel, dx nearly cancels (2 values normalise to about -1, +1 whatever x
    // is); float32 then errs relative to dx's natural size |dy| * scale / std, not to |dx|.
    const std = Math.sqrt(Math.min(...moments(c, v.x)[1]) + c.eps);
    const natural = (norm(dy) * Math.max(...v.scale)) / std;
    return got.every((g, i) => relErr(g, want[i], i === 0 ? 1e-2 * natural : 1e-12) < 2e-3);
  });
}

/** The plausible bug: d/dvariance without the -1/2 of d(1/sqrt(v))/dv. */
const noHalf: tf.GradConfig = {
  ...fast,
  gradFunc: (dy, saved, attrs) => ({ ...fast.gradFunc(dy, saved, attrs), variance: () => tf.mul(fast.gradFunc(dy, saved, attrs).variance(), -2) }),
};

describe.each(['wasm', 'cpu'])('FusedBatchNorm gradient on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('is the registered gradient', () => {
    expect(tf.getGradient('FusedBatchNorm')).toBe(fast);
  });

  it('matches float64 central differences and the stock gradient for all five inputs', () => {
    fc.assert(aloneMatches(fast), { numRuns: 100 });
  });

  it('trains batch norm as the layers use it (statistics from tf.moments): central differences', () => {
    fc.assert(inContextMatches(), { numRuns: 100 });
  });

  it('negative control: a variance term without the -1/2 fails both checks', () => {
    expect(fc.check(aloneMatches(noHalf), { numRuns: 100, endOnFailure: true }).failed).toBe(true);
    tf.registerGradient(noHalf);
    try {
      expect(fc.check(inContextMatches(), { numRuns: 100, endOnFailure: true }).failed).toBe(true);
    } finally {
      tf.registerGradient(fast);
    }
  });
});
