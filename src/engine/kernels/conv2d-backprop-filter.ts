// Conv2DBackpropFilter for wasm (tfjs 4.22 wasm has none, so conv layers could not train).
//   dW[fh, fw, ci, co] = sum over n, oh, ow of x[n, oh*sh + fh - top, ow*sw + fw - left, ci] * dy[n, oh, ow, co]
// Route: one XNNPACK Conv2D with batch and channels of x swapped and dy as the filter:
//   x as [Cin, H, W, N] (*) dy as [OH, OW, N, Cout], stride 1, dilation (sh, sw) -> [Cin, FH, FW, Cout].
// The inner conv always has stride 1: this kernel takes no dilations (tfjs's conv2d gradient
// requires dilation 1), so the forward stride only ever becomes the inner dilation and no
// stride-with-dilation fallback is needed for any attribute set tfjs can send here.
import {
  backend_util, Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs, type KernelConfig, type KernelFunc, type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { composite, isEmpty } from './wasm-util.ts';

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

  return composite(backend, (k) => {
    if (isEmpty(x.shape) || isEmpty(dy.shape)) return k.zeros(filterShape);
    const channelsFirst = format === 'channelsFirst';
    const x4 = channelsFirst ? k.transpose(x, [0, 2, 3, 1]) : x; // [N, H, W, Cin]
    const dy4 = channelsFirst ? k.transpose(dy, [0, 2, 3, 1]) : dy; // [N, OH, OW, Cout]
    // Windows span rows -top .. (oh-1)*sh + fh-1 - top; outside x they read zeros.
    const bottom = (oh - 1) * sh + fh - h - padInfo.top;
    const right = (ow - 1) * sw + fw - w - padInfo.left;
    const cropped = k.cropForPad(x4, padInfo.top, bottom, padInfo.left, right);
    if (!cropped) return k.zeros(filterShape); // every tap reads padding
    const { x: xc, pad: innerPad } = cropped;
    const xt = k.transpose(xc, [3, 1, 2, 0]); // [Cin, H', W', N]
    const dyt = k.transpose(dy4, [1, 2, 0, 3]); // [OH, OW, N, Cout]
    const out = k.run('Conv2D', { x: xt, filter: dyt }, {
      strides: [1, 1], dilations: [sh, sw], pad: innerPad, dataFormat: 'NHWC',
    }); // [Cin, FH, FW, Cout]
    return k.transpose(out, [1, 2, 0, 3]); // [FH, FW, Cin, Cout]
  });
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
