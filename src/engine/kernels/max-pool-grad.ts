// MaxPoolGrad for wasm from elementwise kernels and one MaxPool, for non-overlapping windows
// (stride = pool size, the usual max-pool 2). wasm's stock kernel is a scalar loop (about 44 ms
// for x [64,32,32,32], against about 12 ms here) and it is also wrong next to padding: it treats
// padded cells as 0, so a window of negative values at the border loses its gradient. Other
// strides take max-pool-grad-overlap.ts, so no attribute set reaches the stock kernel.
//
// A window's gradient goes to its FIRST maximum in row-major window order (the cpu backend's rule;
// ties are common after relu, where whole windows are 0). wasm's Equal and Maximum are slow scalar
// loops (Equal with broadcasting: about 170 ms here), so the masks use only XNNPACK arithmetic,
// Step, Relu and MaxPool. With x viewed as x6 [N,OH,kh,OW,kw,C] and y, dy as [N,OH,1,OW,1,C]:
//   score = Step(y - x6, alpha K) * rank   Step is 1 where x is below the window's max and K at
//                                          maxima (exact: y - x is 0 only where x equals y);
//                                          rank [1,1,kh,1,kw,C] = kh*kw .. 1 in window order and
//                                          K = kh*kw + 1, so maxima score K*rank > any other cell
//   best  = MaxPool_k(score)               the score of each window's first maximum
//   dx6   = Relu(score - (best - 1)) * dy   1 at the first maximum; the other maxima are at least
//                                          K below best, the other cells at least K*1 - kh*kw = 1
// Padding ('same', explicit) is -inf around x, so padded cells are never a window's maximum.
import { backend_util, type TensorInfo } from '@tensorflow/tfjs';
import { regrid, replacement, reshaped, run, Scratch } from './fast-ops.ts';
import { maxPoolGradByOffsets } from './max-pool-grad-overlap.ts';
import { maxPoolGradSmall, SMALL_POOL_CHANNELS } from './max-pool-grad-small.ts';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Pad = 'same' | 'valid' | number | backend_util.ExplicitPadding;

export const maxPoolGradConfig = replacement('MaxPoolGrad', ({ inputs, backend, attrs }) => {
  const { dy, input, output } = inputs as { dy: TensorInfo; input: TensorInfo; output: TensorInfo };
  const info = backend_util.computePool2DInfo(input.shape as [number, number, number, number],
    attrs.filterSize as [number, number], attrs.strides as [number, number], 1, attrs.pad as Pad,
    attrs.dimRoundingMode as 'round' | undefined);
  const [kh, kw] = [info.filterHeight, info.filterWidth];
  if (input.dtype !== 'float32') return run('MaxPoolGrad', backend, inputs, attrs);
  if (info.strideHeight !== kh || info.strideWidth !== kw) return maxPoolGradByOffsets(backend, dy, input, output, info);
  if (info.inChannels <= SMALL_POOL_CHANNELS) return maxPoolGradSmall(backend as unknown as BackendWasm, dy, input, output, info);
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { top, left } = info.padInfo;
  // the windows cover rows -top .. oh*kh-top-1 of x: pad with -inf (or crop) to exactly that
  const [bottom, right] = [oh * kh - top - h, ow * kw - left - w];
  const s = new Scratch(backend);
  const grid = regrid(s, input, top, left, bottom, right, -Infinity); // [N, OH*kh, OW*kw, C]
  const small = [n, oh, 1, ow, 1, c];
  const gap = s.run('Sub', { a: reshaped(output, small), b: reshaped(grid, [n, oh, kh, ow, kw, c]) }); // >= 0
  const score = s.run('Multiply', { a: s.run('Step', { x: gap }, { alpha: kh * kw + 1 }), b: rankTensor(s, kh, kw, c) });
  const best = s.run('MaxPool', { x: reshaped(score, [n, oh * kh, ow * kw, c]) },
    { filterSize: [kh, kw], strides: [kh, kw], pad: 'valid', dimRoundingMode: undefined });
  const bestMinus1 = s.run('Sub', { a: best, b: s.constant([1], Float32Array.of(1)) });
  const first = s.run('Relu', { x: s.run('Sub', { a: score, b: reshaped(bestMinus1, small) }) });
  const dxGrid = s.run('Multiply', { a: first, b: reshaped(dy, small) });
  const dx = regrid(s, reshaped(dxGrid, [n, oh * kh, ow * kw, c]), -top, -left, -bottom, -right, 0);
  s.free(dx);
  return dx;
});

/**
 * rank [1,1,kh,1,kw,C]: kh*kw for a window's first cell down to 1 for its last, repeated over the
 * channels (a broadcast whose innermost axis is 1 runs at half XNNPACK's speed).
 */
function rankTensor(s: Scratch, kh: number, kw: number, c: number): TensorInfo {
  return s.constant([1, 1, kh, 1, kw, c], Float32Array.from({ length: kh * kw * c }, (_, i) => kh * kw - Math.floor(i / c)));
}
