// MaxPoolGrad for non-overlapping windows with few channels, as one JavaScript pass over the wasm
// heap. The composite route in max-pool-grad.ts is eight XNNPACK calls over 6-D broadcasts whose
// innermost axis is C; with C = 6 (LeNet's first pool, x [64,28,28,6]) those run at a fraction of
// their speed (3.3 ms), while a plain loop over the 75 K windows takes about 1 ms. wasm offers no
// kernel that does this gather directly (its own MaxPoolGrad is a slow generic loop, wrong next to
// padding), so this is written by hand.
//
// Rule, as on the cpu backend: each window's gradient goes to its FIRST maximum in row-major
// window order; cells outside x (padding) are never a maximum.
import type { backend_util, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** Channels up to this use the loop (measured: 6 -> loop wins; 32 -> the composite route wins). */
export const SMALL_POOL_CHANNELS = 8;

export function maxPoolGradSmall(backend: BackendWasm, dy: TensorInfo, input: TensorInfo, output: TensorInfo,
  info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const x = backend.typedArrayFromHeap(input) as Float32Array; // [N, H, W, C]
  const y = backend.typedArrayFromHeap(output) as Float32Array; // [N, OH, OW, C]: the forward maxima
  const g = backend.typedArrayFromHeap(dy) as Float32Array; // [N, OH, OW, C]
  const out = backend.makeOutput(input.shape, 'float32');
  const dx = backend.typedArrayFromHeap(out) as Float32Array; // [N, H, W, C]
  dx.fill(0);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        const yAt = ((b * oh + i) * ow + j) * c;
        for (let ch = 0; ch < c; ch++) {
          const m = y[yAt + ch];
          search: for (let u = 0; u < kh; u++) {
            const r = i * sh + u - top;
            if (r < 0 || r >= h) continue;
            for (let v = 0; v < kw; v++) {
              const col = j * sw + v - left;
              if (col < 0 || col >= w) continue;
              const at = ((b * h + r) * w + col) * c + ch;
              if (x[at] === m) {
                dx[at] += g[yAt + ch];
                break search;
              }
            }
          }
        }
      }
    }
  }
  return out;
}
