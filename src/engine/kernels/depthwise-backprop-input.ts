// DepthwiseConv2dNativeBackpropInput for wasm (missing in tfjs 4.22 wasm).
//   dx[n, h, w, c] = sum over fh, fw, m of dy[n, oh, ow, c*M + m] * f[fh, fw, c, m]
//     where h = oh*sh + fh*dh - top, w = ow*sw + fw*dw - left
// Route: the transposed conv as a full correlation. dy gets sh-1 zero rows (sw-1 columns) after
// each row ([N, OH*sh, OW*sw, C*M]), then one XNNPACK depthwise conv with the spatially flipped
// filter [FH, FW, C*M, 1], stride 1, dilation (dh, dw) -> [N, H, W, C*M], then Sum over m.
// For stride s the zeros cost s*s times the needed multiplies; depthwise convs are cheap, and a
// per-phase split would need s*s convs plus an interleave, so the simple route stays.
import {
  backend_util, DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropInputAttrs, type KernelConfig, type KernelFunc, type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { cropForPad, isEmpty, reshaped, withScratch, zeroGrid } from './fast-ops.ts';

export function depthwiseConv2dNativeBackpropInput(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: BackendWasm;
  attrs: DepthwiseConv2dNativeBackpropInputAttrs;
}): TensorInfo {
  const { inputs: { dy, filter }, backend, attrs } = args;
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    inputShape, filter.shape as [number, number, number, number], strides, dilations ?? 1, pad, dimRoundingMode, true);
  const { padInfo, filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const { dilationHeight: dh, dilationWidth: dw } = info;
  const [n, h, w, c] = inputShape;
  const m = filter.shape[3];

  return withScratch(backend, (k) => {
    if (isEmpty(inputShape) || isEmpty(dy.shape)) return k.zeros(inputShape);
    const dyz = zeroGrid(k, dy, sh, sw); // [N, OH*sh, OW*sw, C*M]
    const [, lh, lw] = dyz.shape;
    // dx[h] = sum_fh dyz[h + top - fh*dh] f[fh]; with the flip fh -> FH-1-fh this is a valid
    // correlation over dyz with (FH-1)*dh - top zeros before and H + top - lh after.
    const cropped = cropForPad(
      k, dyz, (fh - 1) * dh - padInfo.top, h + padInfo.top - lh, (fw - 1) * dw - padInfo.left, w + padInfo.left - lw);
    if (!cropped) return k.zeros(inputShape); // no tap reaches dy
    const { x: dyc, pad: innerPad } = cropped;
    const flipped = k.run('Reverse', { x: filter }, { dims: [0, 1] });
    const f = reshaped(flipped, [fh, fw, c * m, 1]); // [FH, FW, C*M, 1]
    const out = k.run('DepthwiseConv2dNative', { x: dyc, filter: f }, {
      strides: [1, 1], dilations: [dh, dw], pad: innerPad,
    }); // [N, H, W, C*M]
    if (m === 1) return out;
    return k.run('Sum', { x: reshaped(out, [n, h, w, c, m]) }, { axis: [4], keepDims: false }); // [N, H, W, C]; innermost: wasm's own Sum
  });
}

export const depthwiseConv2dNativeBackpropInputConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dNativeBackpropInput as unknown as KernelFunc,
};
