// Conv2DBackpropInput for wasm as one Conv2D (XNNPACK) of dy with the flipped, in/out-swapped filter.
// wasm's own kernel is a plain loop: about 8x slower on MyNet's layers.
//
// With x [N,H,W,Ci], filter w [FH,FW,Ci,Co], stride s and top padding t, the forward pass reads
// x[o*s - t + f] for output row o and filter row f, so
//   dx[i] = sum over (o, f) with o*s - t + f = i of dy[o] * w[f].
// Put dy on a zero grid dz (dz[o*s] = dy[o], zeros between): dx[i] = sum_f dz[i + t - f] * w[f]
// = sum_g dz[i - (FH-1-t) + g] * wflip[g], a stride-1 correlation of dz padded by FH-1-t before
// with wflip[g] = w[FH-1-g] (channels swapped to [.., Co, Ci]); the padding after makes H rows.
// Negative paddings (explicit pads wider than the filter, or rows 'valid' drops) crop dz instead.
// Attributes: strides, pad ('same' | 'valid' | number | explicit), dimRoundingMode, dataFormat
// (NCHW is transposed to NHWC and back); tfjs's Conv2DBackpropInput has no dilations.
import { backend_util, type TensorInfo } from '@tensorflow/tfjs';
import { replacement, reshaped, run, Scratch, zeroGrid } from './fast-ops.ts';

type Pad = 'same' | 'valid' | number | backend_util.ExplicitPadding;

export const conv2dBackpropInputConfig = replacement('Conv2DBackpropInput', ({ inputs, backend, attrs }) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo }; // dy [N,OH,OW,Co], filter [FH,FW,Ci,Co]
  const inputShape = attrs.inputShape as [number, number, number, number];
  const format = backend_util.convertConv2DDataFormat((attrs.dataFormat as 'NHWC' | 'NCHW') ?? 'NHWC');
  const info = backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number],
    attrs.strides as [number, number], 1, attrs.pad as Pad, attrs.dimRoundingMode as 'round' | undefined, false, format);
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outChannels: co, filterHeight: fh, filterWidth: fw } = info;
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const s = new Scratch(backend);
  let g = format === 'channelsFirst' ? s.run('Transpose', { x: dy }, { perm: [0, 2, 3, 1] }) : dy; // [N,OH,OW,Co]
  g = zeroGrid(s, g, sh, sw); // [N, OH*sh, OW*sw, Co]: [N,OH,1,OW,1,Co] padded to [N,OH,sh,OW,sw,Co]
  let [top, left] = [fh - 1 - info.padInfo.top, fw - 1 - info.padInfo.left];
  let [bottom, right] = [h - g.shape[1] - top + fh - 1, w - g.shape[2] - left + fw - 1];
  if (Math.min(top, left, bottom, right) < 0) {
    const [cropT, cropL] = [Math.max(0, -top), Math.max(0, -left)];
    const rows = g.shape[1] - cropT - Math.max(0, -bottom);
    const cols = g.shape[2] - cropL - Math.max(0, -right);
    if (rows <= 0 || cols <= 0) { // every dy position lies in the padding: dx is zero
      s.free();
      return run('Fill', backend, {}, { shape: format === 'channelsFirst' ? [n, ci, h, w] : [n, h, w, ci], value: 0, dtype: 'float32' });
    }
    g = s.run('Slice', { x: g }, { begin: [0, cropT, cropL, 0], size: [n, rows, cols, co] });
    [top, left, bottom, right] = [Math.max(0, top), Math.max(0, left), Math.max(0, bottom), Math.max(0, right)];
  }
  const flipped = s.run('Reverse', { x: filter }, { dims: [0, 1] });
  const conv = { strides: [1, 1], dilations: [1, 1], dataFormat: 'NHWC', pad: [[0, 0], [top, bottom], [left, right], [0, 0]] };
  let dx: TensorInfo;
  if (ci === 1) {
    // one output channel is XNNPACK's worst case for Conv2D (10 ms for MyNet's first layer, the
    // input's gradient that the fused conv's gradient computes anyway); as a depthwise conv per
    // dy channel and a sum over channels it is about 4 ms: [FH,FW,1,Co] read as [FH,FW,Co,1]
    const perChannel = s.run('DepthwiseConv2dNative', { x: g, filter: reshaped(flipped, [fh, fw, co, 1]) }, conv);
    dx = s.run('Sum', { x: perChannel }, { axis: [3], keepDims: true }); // [N,H,W,1]
  } else {
    const swapped = s.run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] }); // [FH,FW,Co,Ci]
    dx = s.run('Conv2D', { x: g, filter: swapped }, conv); // [N,H,W,Ci]
  }
  if (format === 'channelsFirst') dx = s.run('Transpose', { x: dx }, { perm: [0, 3, 1, 2] });
  s.free(dx);
  return dx;
});
