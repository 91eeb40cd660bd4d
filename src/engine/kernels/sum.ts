// Sum over a block of axes that is not innermost, for wasm, as one AvgPool (XNNPACK).
// wasm's Sum reduces only innermost axes, so for NHWC bias and batch-norm gradients (axes [0,1,2]
// of [N,H,W,C]) it first transposes the whole tensor (about 11 ms for [64,32,32,32] here). A
// product with a row of ones is no better: XNNPACK repacks its right operand on every call.
// AvgPool streams the tensor once (about 1 ms).
// Route: float32 x whose reduced axes are one contiguous block i..j followed by other axes:
//   x viewed as [B, M, 1, R] (B, M, R: sizes of the axes before, in and after the block)
//   -> AvgPool window [M, 1] -> [B, 1, 1, R], times M for a sum.
// Innermost blocks (which wasm reduces without a transpose), scattered axes and integer tensors go
// to wasm's stock kernel. Mean uses the same pooling without the factor (mean.ts).
import { util, type TensorInfo } from '@tensorflow/tfjs';
import { replacement, reshaped, run, Scratch, size, type WasmBackend } from './fast-ops.ts';

/**
 * The mean (scaled by `factor(M)`) of x over `axis`, when the axes are one contiguous block that
 * is not innermost; undefined otherwise. Returns the reduced shape, or with keepDims 1s in place.
 */
export function blockReduce(backend: WasmBackend, x: TensorInfo, axis: unknown, keepDims: boolean, factor: (m: number) => number): TensorInfo | undefined {
  const rank = x.shape.length;
  const axes = util.parseAxisParam(axis as number | number[], x.shape).sort((p, q) => p - q);
  if (x.dtype !== 'float32' || axes.length === 0) return undefined;
  const [first, last] = [axes[0], axes[axes.length - 1]];
  if (last - first + 1 !== axes.length || last === rank - 1) return undefined;
  const [b, m, r] = [size(x.shape.slice(0, first)), size(x.shape.slice(first, last + 1)), size(x.shape.slice(last + 1))];
  if (b * r === 0 || m <= 1) return undefined; // empty, or nothing to reduce: the stock kernel copes
  const s = new Scratch(backend);
  let out = s.run('AvgPool', { x: reshaped(x, [b, m, 1, r]) },
    { filterSize: [m, 1], strides: [1, 1], pad: 'valid', dimRoundingMode: undefined }); // [B,1,1,R]
  const scale = factor(m);
  if (scale !== 1) out = s.run('Multiply', { a: out, b: s.constant([1], Float32Array.of(scale)) });
  s.free(out);
  const kept = x.shape.map((d, i) => (i >= first && i <= last ? 1 : d));
  return reshaped(out, keepDims ? kept : x.shape.filter((_, i) => i < first || i > last));
}

export const sumConfig = replacement('Sum', ({ inputs, backend, attrs }) => {
  const { x } = inputs as { x: TensorInfo };
  return blockReduce(backend, x, attrs.axis, !!attrs.keepDims, (m) => m) ?? run('Sum', backend, { x }, attrs);
});
