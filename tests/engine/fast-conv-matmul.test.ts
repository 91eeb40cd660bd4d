// The fast wasm Conv2DBackpropInput and BatchMatMul (src/engine/kernels/) against the cpu kernels,
// over random geometries and attributes (fast-check), each with a negative control: a plausible bug
// (an unflipped filter; a missing final transpose) must fail the same property.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { gaussian, makeRng } from '../../src/engine/index.ts';
import { runOn, useWasmKernels, type Arr, type Attrs, type Kernel } from './run-kernel.ts';
import { convGeometry, type ConvGeometry } from './arbitraries/conv-geometry.ts';

const TOL = 1e-5; // norm-based relative error (float32 sums of up to a few hundred terms)

useWasmKernels();

function relErr(got: Arr, want: Arr): number {
  if (got.shape.join() !== want.shape.join()) return Infinity;
  let d = 0, n = 0;
  for (let i = 0; i < want.data.length; i++) { d += (got.data[i] - want.data[i]) ** 2; n += want.data[i] ** 2; }
  return Math.sqrt(d) / Math.max(Math.sqrt(n), 1e-30);
}

const randn = (shape: number[], seed: number): Arr => {
  const rng = makeRng(seed);
  return { shape, data: Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => gaussian(rng)) };
};

// ---- Conv2DBackpropInput: every stride and padding, NHWC and NCHW --------------------------------
const backpropCase = fc.record({ g: convGeometry({ maxDilation: 1 }), nchw: fc.boolean() });

function backpropInputMatches(kernel?: Kernel) {
  return fc.property(backpropCase, ({ g, nchw }: { g: ConvGeometry; nchw: boolean }) => {
    const info = tf.backend_util.computeConv2DInfo(g.xShape, g.filterShape, g.strides, 1, g.pad, g.dimRoundingMode);
    const toNCHW = (s: number[]) => (nchw ? [s[0], s[3], s[1], s[2]] : s);
    const pad = nchw && Array.isArray(g.pad) ? [[0, 0], [0, 0], g.pad[1], g.pad[2]] : g.pad;
    const attrs = { strides: g.strides, pad, dimRoundingMode: g.dimRoundingMode, dataFormat: nchw ? 'NCHW' : 'NHWC', inputShape: toNCHW(g.xShape) };
    const inputs = { dy: randn(toNCHW(info.outShape), g.seed), filter: randn(g.filterShape, g.seed + 1) };
    return relErr(runOn('wasm', 'Conv2DBackpropInput', inputs, attrs, kernel), runOn('cpu', 'Conv2DBackpropInput', inputs, attrs)) < TOL;
  });
}

describe('fast Conv2DBackpropInput on wasm', () => {
  it('matches cpu for random geometries (strides 1-3, same/valid/explicit/numeric pads, NHWC/NCHW)', () => {
    fc.assert(backpropInputMatches(), { numRuns: 150 });
  });

  it('negative control: the same route without flipping the filter fails', () => {
    const fast = tf.getKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc as unknown as Kernel;
    const unflipped: Kernel = ({ inputs, backend, attrs }) => {
      const flip = tf.getKernel('Reverse', 'wasm')!.kernelFunc({ inputs: { x: inputs.filter }, backend, attrs: { dims: [0, 1] } }) as tf.TensorInfo;
      const out = fast({ inputs: { dy: inputs.dy, filter: flip }, backend, attrs });
      backend.disposeData(flip.dataId);
      return out;
    };
    expect(fc.check(backpropInputMatches(unflipped), { numRuns: 100, endOnFailure: true }).failed).toBe(true);
  });
});

// ---- BatchMatMul: transposes and broadcast batch axes --------------------------------------------
const matmulCase = fc.record({
  batch: fc.constantFrom([], [1], [3], [2, 2]), bcast: fc.constantFrom('none', 'a', 'b'),
  m: fc.integer({ min: 1, max: 7 }), k: fc.integer({ min: 1, max: 7 }), p: fc.integer({ min: 1, max: 7 }),
  transposeA: fc.boolean(), transposeB: fc.boolean(), seed: fc.integer(),
});
type MatmulCase = typeof matmulCase extends fc.Arbitrary<infer T> ? T : never;

function matmulMatches(kernel?: Kernel, shape: (c: MatmulCase) => MatmulCase = (c) => c) {
  return fc.property(matmulCase.map(shape), (c) => {
    const ones = c.batch.map(() => 1);
    const [ba, bb] = [c.bcast === 'a' ? ones : c.batch, c.bcast === 'b' ? ones : c.batch];
    const a = randn([...ba, ...(c.transposeA ? [c.k, c.m] : [c.m, c.k])], c.seed);
    const b = randn([...bb, ...(c.transposeB ? [c.p, c.k] : [c.k, c.p])], c.seed + 1);
    const attrs = { transposeA: c.transposeA, transposeB: c.transposeB };
    return relErr(runOn('wasm', 'BatchMatMul', { a, b }, attrs, kernel), runOn('cpu', 'BatchMatMul', { a, b }, attrs)) < TOL;
  });
}

describe('fast BatchMatMul on wasm', () => {
  it('matches cpu for every transpose pair, with and without broadcast batch axes', () => {
    fc.assert(matmulMatches(), { numRuns: 150 });
  });

  it('negative control: the both-transposed route without its final transpose fails', () => {
    // b x a is [.., P, M]; for square outputs (M = P) only the values are wrong, not the shape
    const noFinalTranspose: Kernel = ({ inputs, backend }) => tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc({
      inputs: { a: inputs.b, b: inputs.a }, backend, attrs: { transposeA: false, transposeB: false },
    }) as tf.TensorInfo;
    const squareBoth = (c: MatmulCase) => ({ ...c, transposeA: true, transposeB: true, m: c.m + 1, p: c.m + 1 });
    expect(fc.check(matmulMatches(noFinalTranspose, squareBoth), { numRuns: 100, endOnFailure: true }).failed).toBe(true);
  });
});
