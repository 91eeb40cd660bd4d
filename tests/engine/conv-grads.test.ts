// The wasm conv gradient kernels against references, over random geometries (fast-check):
// Conv2DBackpropFilter against the cpu kernel; the depthwise pair against a float64 loop of the
// definition (tfjs-backend-cpu's depthwise backprop kernels ignore dilations, so cpu is an extra
// reference only where dilations are 1). Negative controls: the same properties must fail for
// deliberately wrong kernels, or they could not catch anything.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { makeRng, gaussian, type Rng } from '../../src/engine/index.ts';
import { runOn, useWasmKernels, type Arr, type Attrs } from './run-kernel.ts';
import { convGeometry, outSize, type ConvGeometry, type ConvGeometryConstraints } from './arbitraries/conv-geometry.ts';

const TOL = 1e-4; // norm-based relative error; float32 sums of a few hundred terms sit near 1e-7

const randn = (shape: number[], rng: Rng): Arr =>
  ({ shape, data: Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => gaussian(rng)) });

function relErr(got: Arr, want: Arr): number {
  if (got.shape.join() !== want.shape.join()) return Infinity;
  let d = 0, n = 0;
  for (let i = 0; i < want.data.length; i++) { d += (got.data[i] - want.data[i]) ** 2; n += want.data[i] ** 2; }
  return Math.sqrt(d) / Math.max(Math.sqrt(n), 1e-30);
}

/** Both depthwise gradients by the definition, in float64: dW [FH, FW, C, M], dx [N, H, W, C]. */
function depthwiseByDefinition(g: ConvGeometry, x: Arr, dy: Arr, f: Arr): { dW: Arr; dx: Arr } {
  const info = tf.backend_util.computeConv2DInfo(g.xShape, g.filterShape, g.strides, g.dilations, g.pad, g.dimRoundingMode, true);
  const [n, h, w, c] = g.xShape, [fh, fw, , m] = g.filterShape, { outHeight: oh, outWidth: ow } = info;
  const dW = new Float64Array(fh * fw * c * m), dx = new Float64Array(n * h * w * c);
  for (let b = 0; b < n; b++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++)
    for (let p = 0; p < fh; p++) for (let q = 0; q < fw; q++) {
      const r = i * info.strideHeight + p * info.dilationHeight - info.padInfo.top;
      const s = j * info.strideWidth + q * info.dilationWidth - info.padInfo.left;
      if (r < 0 || r >= h || s < 0 || s >= w) continue;
      for (let ch = 0; ch < c; ch++) for (let mm = 0; mm < m; mm++) {
        const xi = ((b * h + r) * w + s) * c + ch, fi = ((p * fw + q) * c + ch) * m + mm;
        const g_ = dy.data[((b * oh + i) * ow + j) * c * m + ch * m + mm];
        dW[fi] += x.data[xi] * g_;
        dx[xi] += f.data[fi] * g_;
      }
    }
  return { dW: { shape: [fh, fw, c, m], data: Float32Array.from(dW) }, dx: { shape: [n, h, w, c], data: Float32Array.from(dx) } };
}

type FilterGrad = (x: Arr, dy: Arr, attrs: Attrs) => Arr;
const wasmFilterGrad: FilterGrad = (x, dy, attrs) => runOn('wasm', 'Conv2DBackpropFilter', { x, dy }, attrs);

function conv2dFilterGradMatchesCpu(impl: FilterGrad, sizes: ConvGeometryConstraints = {}) {
  return fc.property(convGeometry({ ...sizes, maxDilation: 1 }), fc.boolean(), (g, nchw) => conv2dFilterGradMatchesCpuAt(impl, g, nchw));
}

function conv2dFilterGradMatchesCpuAt(impl: FilterGrad, g: ConvGeometry, nchw: boolean): boolean {
  {
    const rng = makeRng(g.seed), [oh, ow] = outSize(g), [n, h, w, c] = g.xShape, co = g.filterShape[3];
    const x = randn(nchw ? [n, c, h, w] : [n, h, w, c], rng);
    const dy = randn(nchw ? [n, co, oh, ow] : [n, oh, ow, co], rng);
    const pad = nchw && Array.isArray(g.pad) ? [[0, 0], [0, 0], g.pad[1], g.pad[2]] : g.pad;
    const attrs = { strides: g.strides, pad, dimRoundingMode: g.dimRoundingMode, dataFormat: nchw ? 'NCHW' : 'NHWC', filterShape: g.filterShape };
    return relErr(impl(x, dy, attrs), runOn('cpu', 'Conv2DBackpropFilter', { x, dy }, attrs)) < TOL;
  }
}

type InputGrad = (dy: Arr, f: Arr, attrs: Attrs) => Arr;
const wasmDepthwiseInputGrad: InputGrad = (dy, filter, attrs) => runOn('wasm', 'DepthwiseConv2dNativeBackpropInput', { dy, filter }, attrs);

function depthwiseGradsMatch(inputGrad: InputGrad) {
  return fc.property(convGeometry({ depthwise: true }), (g) => {
    const rng = makeRng(g.seed), [oh, ow] = outSize(g, true), [n, , , c] = g.xShape, m = g.filterShape[3];
    const x = randn(g.xShape, rng), dy = randn([n, oh, ow, c * m], rng), f = randn(g.filterShape, rng);
    const attrs = { strides: g.strides, dilations: g.dilations, pad: g.pad, dimRoundingMode: g.dimRoundingMode };
    const want = depthwiseByDefinition(g, x, dy, f);
    const dW = runOn('wasm', 'DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape: g.filterShape });
    const dx = inputGrad(dy, f, { ...attrs, inputShape: g.xShape });
    let ok = relErr(dW, want.dW) < TOL && relErr(dx, want.dx) < TOL;
    if (g.dilations[0] === 1 && g.dilations[1] === 1) {
      ok &&= relErr(dW, runOn('cpu', 'DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape: g.filterShape })) < TOL;
      ok &&= relErr(dx, runOn('cpu', 'DepthwiseConv2dNativeBackpropInput', { dy, filter: f }, { ...attrs, inputShape: g.xShape })) < TOL;
    }
    return ok;
  });
}

const flipHW = (a: Arr): Arr => { // [FH, FW, ...] reversed in FH and FW
  const [fh, fw] = a.shape, inner = a.data.length / (fh * fw), out = new Float32Array(a.data.length);
  for (let p = 0; p < fh; p++) for (let q = 0; q < fw; q++)
    out.set(a.data.subarray((p * fw + q) * inner, (p * fw + q + 1) * inner), ((fh - 1 - p) * fw + (fw - 1 - q)) * inner);
  return { shape: a.shape, data: out };
};

useWasmKernels();

describe('wasm training kernels vs references', () => {
  it('Conv2DBackpropFilter matches cpu (any stride, same/valid/explicit/number pads, NHWC and NCHW)', () => {
    fc.assert(conv2dFilterGradMatchesCpu(wasmFilterGrad), { numRuns: 500 });
  });

  it('Conv2DBackpropFilter matches cpu at LeNet-like sizes', () => {
    const sizes = { maxBatch: 4, maxSize: 20, maxChannels: 8, maxFilter: 5 };
    fc.assert(conv2dFilterGradMatchesCpu(wasmFilterGrad, sizes), { numRuns: 25 });
  });

  it('Conv2DBackpropFilter matches cpu on its im2col route (stride 1, Cin <= 4, Cout >= 16)', () => {
    const im2col = convGeometry({ maxBatch: 3, maxSize: 9, maxChannels: 24, maxFilter: 4, maxStride: 1, maxDilation: 1 })
      .filter((g) => g.xShape[3] <= 4 && g.filterShape[3] >= 16);
    fc.assert(fc.property(im2col, fc.boolean(), (g, nchw) => conv2dFilterGradMatchesCpuAt(wasmFilterGrad, g, nchw)), { numRuns: 100 });
  });

  it('DepthwiseConv2dNativeBackpropFilter/Input match the definition (any stride x dilation pair) and cpu', () => {
    fc.assert(depthwiseGradsMatch(wasmDepthwiseInputGrad), { numRuns: 500 });
  });

  it('repeated calls free every intermediate, XNNPACK operators included (the wasm heap stops growing)', () => {
    const heap = () => (tf.engine().findBackend('wasm') as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length;
    const rng = makeRng(1), x = randn([16, 12, 12, 6], rng), dy = randn([16, 6, 6, 12], rng), f = randn([3, 3, 6, 2], rng);
    const attrs = { strides: 2, dilations: 1, pad: 'same' };
    const step = () => {
      runOn('wasm', 'Conv2DBackpropFilter', { x, dy: randn([16, 6, 6, 12], rng) }, { ...attrs, dataFormat: 'NHWC', filterShape: [3, 3, 6, 12] });
      runOn('wasm', 'DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape: [3, 3, 6, 2] });
      runOn('wasm', 'DepthwiseConv2dNativeBackpropInput', { dy, filter: f }, { ...attrs, inputShape: [16, 12, 12, 6] });
    };
    for (let i = 0; i < 20; i++) step();
    const before = heap();
    for (let i = 0; i < 300; i++) step(); // a leak of the ~28 KB dy-as-filter per call would need 8 MB more
    expect(heap()).toBe(before);
  });

  it('negative controls: the same properties fail for wrong kernels', () => {
    const broken: Record<string, FilterGrad> = {
      'convolution instead of correlation (flipped taps)': (x, dy, a) => flipHW(wasmFilterGrad(x, dy, a)),
      'dy misaligned by one sample': (x, dy, a) => {
        const per = dy.data.length / dy.shape[0]; // roll along N
        return wasmFilterGrad(x, { shape: dy.shape, data: Float32Array.from(dy.data.map((_, i) => dy.data[(i + per) % dy.data.length])) }, a);
      },
    };
    for (const [bug, impl] of Object.entries(broken)) {
      const r = fc.check(conv2dFilterGradMatchesCpu(impl), { numRuns: 100, endOnFailure: true });
      expect(r.failed, bug).toBe(true);
    }
    const unflipped: InputGrad = (dy, f, a) => wasmDepthwiseInputGrad(dy, flipHW(f), a);
    expect(fc.check(depthwiseGradsMatch(unflipped), { numRuns: 100, endOnFailure: true }).failed).toBe(true);
  });
});
