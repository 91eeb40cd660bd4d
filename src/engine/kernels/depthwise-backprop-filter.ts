// DepthwiseConv2dNativeBackpropFilter for wasm (missing in tfjs 4.22 wasm).
//   dW[fh, fw, c, m] = sum over n, oh, ow of
//     x[n, oh*sh + fh*dh - top, ow*sw + fw*dw - left, c] * dy[n, oh, ow, c*M + m]
// Route: one XNNPACK depthwise conv in which every (c, n) pair is its own channel:
//   x as [1, H, W, C*N] (*) dy as the filter [OH, OW, C*N, M], stride (dh, dw), dilation (sh, sw)
//   -> [1, FH, FW, C*N*M], then Sum over n. No wasted multiplies (a Conv2D with batch C would
//   compute C times too many). wasm's depthwise kernel takes stride > 1 together with
//   dilation > 1 (only tfjs's op-level check refuses it), so every stride/dilation pair works.
import {
  backend_util, DepthwiseConv2dNativeBackpropFilter,
  type DepthwiseConv2dNativeBackpropFilterAttrs, type KernelConfig, type KernelFunc, type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { cropForPad, isEmpty, reshaped, withScratch } from './fast-ops.ts';
import { blockReduce } from './sum.ts';

export function depthwiseConv2dNativeBackpropFilter(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: DepthwiseConv2dNativeBackpropFilterAttrs;
}): TensorInfo {
  const { inputs: { x, dy }, backend, attrs } = args;
  const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, strides, dilations ?? 1, pad, dimRoundingMode, true);
  const { padInfo, filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const { dilationHeight: dh, dilationWidth: dw, outHeight: oh, outWidth: ow } = info;
  const [n, h, w, c] = x.shape;
  const m = filterShape[3];

  return withScratch(backend, (k) => {
    if (isEmpty(x.shape) || isEmpty(dy.shape)) return k.zeros(filterShape);
    // Windows span rows -top .. (oh-1)*sh + (fh-1)*dh - top; outside x they read zeros.
    const bottom = (oh - 1) * sh + (fh - 1) * dh + 1 - h - padInfo.top;
    const right = (ow - 1) * sw + (fw - 1) * dw + 1 - w - padInfo.left;
    const cropped = cropForPad(k, x, padInfo.top, bottom, padInfo.left, right);
    if (!cropped) return k.zeros(filterShape); // every tap reads padding
    const { x: xc, pad: innerPad } = cropped;
    const [, hc, wc] = xc.shape;
    const xt = reshaped(k.transpose(xc, [1, 2, 3, 0]), [1, hc, wc, c * n]); // [1, H', W', C*N]
    const dy5 = reshaped(dy, [n, oh, ow, c, m]);
    const f = reshaped(k.transpose(dy5, [1, 2, 3, 0, 4]), [oh, ow, c * n, m]); // [OH, OW, C*N, M]
    const out = k.run('DepthwiseConv2dNative', { x: xt, filter: f }, {
      strides: [dh, dw], dilations: [sh, sw], pad: innerPad,
    }); // [1, FH, FW, C*N*M]
    if (n === 1) return reshaped(out, [fh, fw, c, m]);
    // Axis 3 of 5 is not innermost: the pooled sum (sum.ts) avoids wasm's transpose-then-reduce.
    const perImage = reshaped(out, [fh, fw, c, n, m]);
    return blockReduce(backend, perImage, [3], false, (count) => count) ?? k.run('Sum', { x: perImage }, { axis: [3], keepDims: false }); // [FH, FW, C, M]
  });
}

export const depthwiseConv2dNativeBackpropFilterConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dNativeBackpropFilter as unknown as KernelFunc,
};
