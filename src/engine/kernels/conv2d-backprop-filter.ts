// Conv2DBackpropFilter for wasm (tfjs 4.22 wasm has none, so conv layers could not train).
//   dW[fh, fw, ci, co] = sum over n, oh, ow of x[n, oh*sh + fh - top, ow*sw + fw - left, ci] * dy[n, oh, ow, co]
// Route: one XNNPACK Conv2D with batch and channels of x swapped and dy as the filter:
//   x as [Cin, H, W, N] (*) dy as [OH, OW, N, Cout], stride 1, dilation (sh, sw) -> [Cin, FH, FW, Cout].
// The inner conv always has stride 1: this kernel takes no dilations (tfjs's conv2d gradient
// requires dilation 1), so the forward stride only ever becomes the inner dilation and no
// stride-with-dilation fallback is needed for any attribute set tfjs can send here.
// With few input channels (a network's first layer) that conv is mostly filter packing: dy as a
// [OH, OW, N, Cout] filter is huge and the output tiny (MyNet's first layer: 23 ms for 19 M
// multiply-adds). There the im2col route is used instead (stride 1): FH*FW slices of padded x
// stacked to patches [FH*FW*Cin, N*OH*OW], and one product patches . dy -> [FH*FW*Cin, Cout]
// (measured 23 -> 14 ms for MyNet's first layer).
import {
  backend_util, Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs, type KernelConfig, type KernelFunc, type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { cropForPad, isEmpty, reshaped, withScratch, type ExplicitPad, type Scratch } from './fast-ops.ts';

export function conv2DBackpropFilter(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const { inputs: { x, dy }, backend, attrs } = args;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  const format = backend_util.convertConv2DDataFormat(dataFormat);
  // Same geometry the cpu kernel uses (explicit pads are read per data format).
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, format);
  const { padInfo, filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const { outHeight: oh, outWidth: ow, inHeight: h, inWidth: w } = info;

  return withScratch(backend, (k) => {
    if (isEmpty(x.shape) || isEmpty(dy.shape)) return k.zeros(filterShape);
    const channelsFirst = format === 'channelsFirst';
    const x4 = channelsFirst ? k.transpose(x, [0, 2, 3, 1]) : x; // [N, H, W, Cin]
    const dy4 = channelsFirst ? k.transpose(dy, [0, 2, 3, 1]) : dy; // [N, OH, OW, Cout]
    // Windows span rows -top .. (oh-1)*sh + fh-1 - top; outside x they read zeros.
    const bottom = (oh - 1) * sh + fh - h - padInfo.top;
    const right = (ow - 1) * sw + fw - w - padInfo.left;
    const cropped = cropForPad(k, x4, padInfo.top, bottom, padInfo.left, right);
    if (!cropped) return k.zeros(filterShape); // every tap reads padding
    const { x: xc, pad: innerPad } = cropped;
    if (x4.shape[3] <= IM2COL_MAX_CHANNELS && filterShape[3] >= IM2COL_MIN_OUT_CHANNELS && sh === 1 && sw === 1) return im2col(k, xc, innerPad, dy4, filterShape, oh, ow);
    const xt = k.transpose(xc, [3, 1, 2, 0]); // [Cin, H', W', N]
    const dyt = k.transpose(dy4, [1, 2, 0, 3]); // [OH, OW, N, Cout]
    const out = k.run('Conv2D', { x: xt, filter: dyt }, {
      strides: [1, 1], dilations: [sh, sw], pad: innerPad, dataFormat: 'NHWC',
    }); // [Cin, FH, FW, Cout]
    return k.transpose(out, [1, 2, 0, 3]); // [FH, FW, Cin, Cout]
  });
}

// Measured (one wasm thread): MyNet's first layer, Cin 1 -> Cout 32, 3x3: conv route 23 ms, im2col
// 14 ms; LeNet's, Cin 1 -> Cout 6, 5x5: conv route 2.8 ms (its dy "filter" is small), im2col 8.9 ms.
const IM2COL_MAX_CHANNELS = 4;
const IM2COL_MIN_OUT_CHANNELS = 16;

/**
 * dW [FH, FW, Cin, Cout] from patches of x [N, H', W', Cin] (zero-padded by pad) and dy [N, OH, OW, Cout].
 * Patches are built channels-first, [Cin, N, H', W'], so each tap is a slice with long contiguous
 * rows and the taps stack along a new outer axis (block copies): wasm's Slice and Concat on an
 * innermost axis of 1 cost 4 and 30 ms at MyNet's first layer.
 */
function im2col(k: Scratch, x: TensorInfo, pad: ExplicitPad, dy: TensorInfo, filterShape: number[],
  oh: number, ow: number): TensorInfo {
  const [fh, fw, cin, cout] = filterShape;
  const n = x.shape[0];
  const padded = pad.some(([a, b]) => a > 0 || b > 0) ? k.run('PadV2', { x }, { paddings: pad, constantValue: 0 }) : x;
  const [, hp, wp] = padded.shape;
  const xc = cin === 1 ? reshaped(padded, [1, n, hp, wp]) : k.transpose(padded, [3, 0, 1, 2]); // [Cin, N, H', W']
  const taps: TensorInfo[] = [];
  for (let i = 0; i < fh; i++) {
    for (let j = 0; j < fw; j++) {
      const tap = k.slice(xc, [0, 0, i, j], [cin, n, oh, ow]); // [Cin, N, OH, OW]
      taps.push(reshaped(tap, [1, cin * n * oh * ow]));
    }
  }
  const m = n * oh * ow;
  const stacked = taps.length === 1 ? taps[0] : k.run('Concat', taps as unknown as Record<string, TensorInfo>, { axis: 0 });
  const patchesT = reshaped(stacked, [1, fh * fw * cin, m]); // [1, K, M], K ordered (fh, fw, cin) like the filter
  const dy3 = reshaped(dy, [1, m, cout]); // [1, M, Cout]
  const dw = k.run('BatchMatMul', { a: patchesT, b: dy3 }, { transposeA: false, transposeB: false }); // [1, K, Cout]
  return reshaped(dw, filterShape);
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
