// UnsortedSegmentSum for wasm (missing in tfjs 4.22 wasm; the GatherV2 gradient needs it, so
// embedding layers could not train).
//   out[s, ...] = sum over i with segmentIds[i] == s of x[i, ...]     x [ids.shape..., ...inner]
// Route: wasm's ScatterNd, which adds duplicate indices: x as updates [K, D], ids as [K, 1].
// TF drops ids outside [0, numSegments); ScatterNd would write out of bounds instead, so the ids
// (one int per row, small next to x) are read into JS and invalid ones sent to a spare row that
// is sliced off. x itself never leaves the wasm heap.
import {
  UnsortedSegmentSum, util,
  type KernelConfig, type KernelFunc, type TensorInfo, type UnsortedSegmentSumAttrs,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { reshaped, withScratch } from './fast-ops.ts';

export function unsortedSegmentSum(args: {
  inputs: { x: TensorInfo; segmentIds: TensorInfo };
  backend: BackendWasm;
  attrs: UnsortedSegmentSumAttrs;
}): TensorInfo {
  const { inputs: { x, segmentIds }, backend, attrs: { numSegments } } = args;
  const inner = x.shape.slice(segmentIds.shape.length);
  const outShape = [numSegments, ...inner];
  const k = util.sizeFromShape(segmentIds.shape); // rows
  const d = util.sizeFromShape(inner); // row length

  return withScratch(backend, (ops) => {
    if (k === 0 || d === 0 || numSegments === 0) return ops.zeros(outShape, x.dtype);
    const ids = backend.readSync(segmentIds.dataId) as Int32Array | Float32Array;
    const rowOf = new Int32Array(k);
    let spare = false;
    for (let i = 0; i < k; i++) {
      const id = ids[i];
      const ok = id >= 0 && id < numSegments;
      rowOf[i] = ok ? id : numSegments;
      spare ||= !ok;
    }
    const rows = numSegments + (spare ? 1 : 0);
    const indices = ops.constant([k, 1], rowOf, 'int32'); // [K, 1]
    const updates = reshaped(x, [k, d]); // [K, D]
    let out = ops.run('ScatterNd', { indices, updates }, { shape: [rows, d] }); // [rows, D]
    if (spare) out = ops.slice(out, [0, 0], [numSegments, d]);
    return reshaped(out, outShape);
  });
}

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
