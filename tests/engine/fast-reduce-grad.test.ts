// The Sum and Mean gradients of src/engine/gradients/reduce-grad.ts (registered for every backend)
// against float64 central differences and tfjs's stock gradients, on wasm and cpu, over random
// shapes, axes and keepDims (fast-check). Negative control: a Mean gradient that forgets to divide
// by the reduce size must fail.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { gaussian, makeRng } from '../../src/engine/index.ts';
import { registerWasmTrainingKernels } from '../../src/engine/kernels/index.ts';
import { registerFastGradients } from '../../src/engine/gradients/index.ts';
import { meanGradConfig, stockMeanGrad, stockSumGrad, sumGradConfig } from '../../src/engine/gradients/reduce-grad.ts';

beforeAll(async () => {
  registerWasmTrainingKernels();
  registerFastGradients();
  await import('@tensorflow/tfjs-backend-wasm');
});

const reduceCase = fc.record({
  shape: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
  pick: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), keepDims: fc.boolean(), seed: fc.integer(),
});
type Case = typeof reduceCase extends fc.Arbitrary<infer T> ? T : never;

function setup(c: Case) {
  const axes = c.shape.map((_, i) => i).filter((i) => c.pick[i]);
  const axis = axes.length ? axes : [c.shape.length - 1];
  const rng = makeRng(c.seed);
  const x = Float64Array.from({ length: tf.util.sizeFromShape(c.shape) }, () => gaussian(rng));
  const outShape = c.shape.map((d, i) => (axis.includes(i) ? 1 : d)).filter((d, i) => c.keepDims || !axis.includes(i));
  const w = Float64Array.from({ length: tf.util.sizeFromShape(outShape) }, () => gaussian(rng)); // dy
  return { axis, x, outShape, w };
}

/** L = sum(w * reduce(x)) in float64, differentiated by central differences. */
function numeric(c: Case, mean: boolean): Float64Array {
  const { axis, x, w } = setup(c);
  const strides = tf.util.computeStrides(c.shape);
  const outIndex = (flat: number) => { // index of x[flat]'s reduction cell in the kept order
    let o = 0, mult = 1;
    for (let i = c.shape.length - 1; i >= 0; i--) {
      const coord = Math.floor(flat / (strides[i] ?? 1)) % c.shape[i];
      if (!axis.includes(i)) { o += coord * mult; mult *= c.shape[i]; }
    }
    return o;
  };
  const m = axis.reduce((p, a) => p * c.shape[a], 1);
  const loss = () => x.reduce((s, v, i) => s + w[outIndex(i)] * v / (mean ? m : 1), 0);
  return x.map((v, i) => {
    x[i] = v + 1e-3; const up = loss();
    x[i] = v - 1e-3; const down = loss();
    x[i] = v;
    return (up - down) / 2e-3;
  });
}

function viaGradFunc(config: tf.GradConfig, c: Case): Float32Array {
  const { axis, x, outShape, w } = setup(c);
  return tf.tidy(() => config.gradFunc(tf.tensor(Float32Array.from(w), outShape), [tf.tensor(Float32Array.from(x), c.shape)], { axis, keepDims: c.keepDims })
    .x().dataSync() as Float32Array);
}

const close = (got: ArrayLike<number>, want: ArrayLike<number>, tol: number) =>
  got.length === want.length && Array.from(want).every((v, i) => Math.abs(got[i] - v) <= tol * (1 + Math.abs(v)));

function gradMatches(config: tf.GradConfig, stock: tf.GradConfig, mean: boolean) {
  return fc.property(reduceCase, (c) => {
    const got = viaGradFunc(config, c);
    return close(got, numeric(c, mean), 1e-4) && close(got, viaGradFunc(stock, c), 1e-6);
  });
}

describe.each(['wasm', 'cpu'])('Sum and Mean gradients on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('are the registered gradients', () => {
    expect(tf.getGradient('Sum')).toBe(sumGradConfig);
    expect(tf.getGradient('Mean')).toBe(meanGradConfig);
  });

  it('Sum: matches float64 central differences and the stock gradient', () => {
    fc.assert(gradMatches(sumGradConfig, stockSumGrad, false), { numRuns: 100 });
  });

  it('Mean: matches float64 central differences and the stock gradient', () => {
    fc.assert(gradMatches(meanGradConfig, stockMeanGrad, true), { numRuns: 100 });
  });

  it('negative control: a Mean gradient without the division fails', () => {
    const undivided: tf.GradConfig = { ...meanGradConfig, gradFunc: sumGradConfig.gradFunc };
    expect(fc.check(gradMatches(undivided, stockMeanGrad, true), { numRuns: 100, endOnFailure: true }).failed).toBe(true);
  });
});
