// The fast wasm Sum, Mean, MaxPoolGrad, Identity and Cast (src/engine/kernels/) against the cpu
// kernels over random shapes and attributes (fast-check), each with a negative control: a plausible
// bug (a sum that averages; ties sent to every maximum; a shared buffer without a reference) must
// fail the same property.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { makeRng } from '../../src/engine/index.ts';
import { runOn, useWasmKernels, type Arr, type Attrs, type Kernel } from './run-kernel.ts';
import { fastKernels } from '../../src/engine/kernels/fast-kernels.ts';


useWasmKernels();

const close = (got: Arr, want: Arr, tol = 1e-5) => got.shape.join() === want.shape.join()
  && want.data.every((w, i) => Math.abs(got.data[i] - w) <= tol * (1 + Math.abs(w)));

const values = (shape: number[], seed: number, ints = false): Float32Array => {
  const rng = makeRng(seed);
  return Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => (ints ? Math.floor(rng() * 3) : rng() * 2 - 1));
};

it('registers every fast kernel for wasm', () => {
  for (const k of fastKernels) expect(tf.getKernel(k.kernelName, 'wasm')).toBe(k);
});

// ---- Sum and Mean over any axes (AvgPool for non-innermost blocks, else stock) ------------------
const reduceCase = fc.record({
  shape: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }),
  pick: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), negative: fc.boolean(),
  keepDims: fc.boolean(), int: fc.boolean(), seed: fc.integer(),
});

function reduceMatches(kernelName: 'Sum' | 'Mean', kernel?: Kernel) {
  return fc.property(reduceCase, (c) => {
    let axis = c.shape.map((_, i) => i).filter((i) => c.pick[i]);
    if (axis.length === 0) axis = [0];
    if (c.negative) axis = axis.map((a) => a - c.shape.length);
    const x: Arr = c.int && kernelName === 'Sum'
      ? { shape: c.shape, data: Int32Array.from(values(c.shape, c.seed, true)), dtype: 'int32' }
      : { shape: c.shape, data: values(c.shape, c.seed) };
    const attrs = { axis, keepDims: c.keepDims };
    return close(runOn('wasm', kernelName, { x }, attrs, kernel), runOn('cpu', kernelName, { x }, attrs));
  });
}

describe('fast Sum and Mean on wasm', () => {
  it('Sum matches cpu over random shapes, axes (leading, middle, innermost, scattered, negative) and dtypes', () => {
    fc.assert(reduceMatches('Sum'), { numRuns: 200 });
  });
  it('Mean matches cpu likewise', () => {
    fc.assert(reduceMatches('Mean'), { numRuns: 200 });
  });
  it('negative control: a Sum that returns the Mean fails', () => {
    const mean = tf.getKernel('Mean', 'wasm')!.kernelFunc as unknown as Kernel;
    const sumAsMean: Kernel = (args) => (args.inputs.x.dtype === 'float32' ? mean(args) : (tf.getKernel('Sum', 'wasm')!.kernelFunc as unknown as Kernel)(args));
    expect(fc.check(reduceMatches('Sum', sumAsMean), { numRuns: 100, endOnFailure: true }).failed).toBe(true);
  });
});

// ---- MaxPoolGrad: first maximum wins, ties included (C <= 8: the JS loop; C > 8: the composite) ----
const poolCase = fc.record({
  n: fc.integer({ min: 1, max: 2 }), h: fc.integer({ min: 1, max: 9 }), w: fc.integer({ min: 1, max: 9 }),
  c: fc.integer({ min: 1, max: 12 }), k: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
  stride: fc.oneof(fc.constant('pool' as const), fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))), pad: fc.constantFrom<'same' | 'valid' | number>('same', 'valid', 0, 1),
  ints: fc.boolean(), seed: fc.integer(),
}).filter((c) => {
  const strides = c.stride === 'pool' ? c.k : c.stride;
  // tfjs sizes both axes from the height's pool and stride when the pad is a number: keep those square
  if (typeof c.pad === 'number' && (c.k[0] !== c.k[1] || strides[0] !== strides[1])) return false;
  const info = tf.backend_util.computePool2DInfo([c.n, c.h, c.w, c.c], c.k, strides, 1, c.pad, 'floor');
  return info.outHeight >= 1 && info.outWidth >= 1; // at least one output pixel
});

/** Strides = pool size (the common route) or any strides (overlapping or gapped windows). */
function poolGradMatches(kernel?: Kernel, forceTies = false) {
  return fc.property(poolCase, (c) => {
    const ints = c.ints || forceTies; // values 0..2: many ties
    const strides = c.stride === 'pool' ? c.k : c.stride;
    const attrs = { filterSize: c.k, strides, pad: c.pad, dimRoundingMode: typeof c.pad === 'number' ? 'floor' : undefined };
    const input: Arr = { shape: [c.n, c.h, c.w, c.c], data: values([c.n, c.h, c.w, c.c], c.seed, ints) };
    const output = runOn('cpu', 'MaxPool', { x: input }, attrs);
    const dy: Arr = { shape: output.shape, data: values(output.shape, c.seed + 1).map((v) => v + 2) };
    const inputs = { dy, input, output };
    return close(runOn('wasm', 'MaxPoolGrad', inputs, attrs, kernel), runOn('cpu', 'MaxPoolGrad', inputs, attrs));
  });
}

describe('fast MaxPoolGrad on wasm', () => {
  it('matches cpu over random shapes, pools, strides, pads and tie-heavy data', () => {
    fc.assert(poolGradMatches(), { numRuns: 200 });
  });
  it('negative control: sending the gradient to every tied maximum fails', () => {
    // a plausible bug: the window's gradient goes to every cell equal to its maximum
    const tiesEverywhere: Kernel = (args) => {
      const { dy, input } = args.inputs;
      const x = args.backend.readSync(input.dataId) as Float32Array, g = args.backend.readSync(dy.dataId) as Float32Array;
      const [n, h, w, c] = input.shape, [kh, kw] = args.attrs.filterSize as number[];
      const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], [kh, kw], args.attrs.strides as [number, number], 1, args.attrs.pad as 'same');
      const dx = new Float32Array(x.length);
      for (let b = 0; b < n; b++) for (let i = 0; i < info.outHeight; i++) for (let j = 0; j < info.outWidth; j++) for (let ch = 0; ch < c; ch++) {
        let best = -Infinity;
        const cells: number[] = [];
        for (let p = 0; p < kh; p++) for (let q = 0; q < kw; q++) {
          const r = i * info.strideHeight + p - info.padInfo.top, s = j * info.strideWidth + q - info.padInfo.left;
          if (r >= 0 && r < h && s >= 0 && s < w) cells.push(((b * h + r) * w + s) * c + ch);
        }
        for (const idx of cells) best = Math.max(best, x[idx]);
        for (const idx of cells) if (x[idx] === best) dx[idx] += g[((b * info.outHeight + i) * info.outWidth + j) * c + ch];
      }
      return (args.backend as unknown as { makeOutput(s: number[], d: string, o?: number, v?: Float32Array): tf.TensorInfo }).makeOutput(input.shape, 'float32', undefined, dx);
    };
    expect(fc.check(poolGradMatches(tiesEverywhere, true), { numRuns: 100, endOnFailure: true }).failed).toBe(true);
  });
});

// ---- Identity and Cast share data; the output must outlive the input ----------------------------
function identityMatches(kernelName: 'Identity' | 'Cast', kernel?: Kernel) {
  return fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }), fc.integer(), (shape, seed) => {
    const x: Arr = { shape, data: values(shape, seed) };
    const attrs = kernelName === 'Cast' ? { dtype: 'float32' } : {};
    try {
      return close(runOn('wasm', kernelName, { x }, attrs, kernel), x, 0);
    } catch {
      return false; // reading freed data
    }
  });
}

describe('fast Identity and Cast on wasm', () => {
  it('Identity and same-dtype Cast return the input values, which survive disposing the input', () => {
    fc.assert(identityMatches('Identity'), { numRuns: 100 });
    fc.assert(identityMatches('Cast'), { numRuns: 100 });
  });
  it('negative control: sharing the data without taking a reference fails', () => {
    const noRef: Kernel = ({ inputs }) => ({ ...inputs.x });
    expect(fc.check(identityMatches('Identity', noRef), { numRuns: 100, endOnFailure: true }).failed).toBe(true);
  });
});

// ---- FusedBatchNorm (forward): optional scale and offset, large means --------------------------
function batchNormMatches(kernel?: Kernel) {
  const bn = fc.record({
    shape: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 })),
    withScale: fc.boolean(), withOffset: fc.boolean(), shift: fc.constantFrom(0, 100), eps: fc.constantFrom(1e-3, 1e-5), seed: fc.integer(),
  });
  return fc.property(bn, (c) => {
    const ch = c.shape[3], vec = (k: number, f: (v: number) => number) => ({ shape: [ch], data: values([ch], c.seed + k).map(f) });
    const inputs: Record<string, Arr> = {
      x: { shape: c.shape, data: values(c.shape, c.seed).map((v) => v + c.shift) },
      mean: vec(1, (v) => v + c.shift), variance: vec(2, (v) => v + 1.5),
      ...(c.withScale ? { scale: vec(3, (v) => v * 2) } : {}), ...(c.withOffset ? { offset: vec(4, (v) => v) } : {}),
    };
    const attrs = { varianceEpsilon: c.eps };
    return close(runOn('wasm', 'FusedBatchNorm', inputs, attrs, kernel), runOn('cpu', 'FusedBatchNorm', inputs, attrs), 1e-4);
  });
}

describe('fast FusedBatchNorm on wasm', () => {
  it('matches cpu with and without scale and offset, and with large means', () => {
    fc.assert(batchNormMatches(), { numRuns: 100 });
  });
  it('negative control: ignoring the epsilon fails', () => {
    const fast = tf.getKernel('FusedBatchNorm', 'wasm')!.kernelFunc as unknown as Kernel;
    const noEps: Kernel = (args) => fast({ ...args, attrs: { ...args.attrs, varianceEpsilon: 0 } });
    expect(fc.check(batchNormMatches(noEps), { numRuns: 100, endOnFailure: true }).failed).toBe(true);
  });
});
