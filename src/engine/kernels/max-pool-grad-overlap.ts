// MaxPoolGrad for overlapping or gapped windows (stride != pool size), one window cell at a time.
// The route for the common non-overlapping pool is max-pool-grad.ts; this one exists so that no
// attribute set reaches wasm's stock kernel, which treats padded cells as 0 (see there).
// With xp = x padded by -inf to the rows the windows span, for each window cell (p, q) in
// row-major order (the cpu backend's tie rule: the first maximum wins):
//   xs    = xp[:, p::sh, q::sw, :]            [N,OH,OW,C], cell (p, q) of every window (StridedSlice)
//   first = left * (1 - Step(y - xs))        1 if xs is the window's max and no earlier cell was
//   left  = left - first                      (left starts at 1)
//   dx   += first * dy placed at rows p + oh*sh, cols q + ow*sw (a zero grid, then PadV2)
// Cost: about 10 small kernels per window cell; fine for the pools that need it (e.g. 3x3 stride 2).
import type { backend_util, TensorInfo } from '@tensorflow/tfjs';
import { regrid, Scratch, zeroGrid, type WasmBackend } from './fast-ops.ts';

export function maxPoolGradByOffsets(backend: WasmBackend, dy: TensorInfo, x: TensorInfo, y: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const s = new Scratch(backend);
  // rows -top .. -top + hp - 1 of x hold every window cell; the gradient grid is [N, hg, wg, C]
  const [hp, wp] = [(oh - 1) * sh + kh, (ow - 1) * sw + kw];
  const [hg, wg] = [Math.max(hp, oh * sh + kh), Math.max(wp, ow * sw + kw)];
  const xp = regrid(s, x, top, left, hp - top - h, wp - left - w, -Infinity); // [N, hp, wp, C]
  const one = s.constant([1], Float32Array.of(1));
  let left1 = s.run('Fill', {}, { shape: [n, oh, ow, c], value: 1, dtype: 'float32' });
  let acc: TensorInfo | undefined;
  for (let p = 0; p < kh; p++) {
    for (let q = 0; q < kw; q++) {
      const xs = s.run('StridedSlice', { x: xp }, {
        begin: [0, p, q, 0], end: [n, p + (oh - 1) * sh + 1, q + (ow - 1) * sw + 1, c], strides: [1, sh, sw, 1],
        beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0,
      });
      const atMax = s.run('Sub', { a: one, b: s.run('Step', { x: s.run('Sub', { a: y, b: xs }) }, { alpha: 0 }) });
      const first = s.run('Multiply', { a: left1, b: atMax });
      left1 = s.run('Sub', { a: left1, b: first });
      const grid = zeroGrid(s, s.run('Multiply', { a: first, b: dy }), sh, sw); // [N, OH*sh, OW*sw, C]
      const placed = regrid(s, grid, p, q, hg - p - oh * sh, wg - q - ow * sw, 0); // [N, hg, wg, C]
      acc = acc ? s.run('Add', { a: acc, b: placed }) : placed;
    }
  }
  // grid row r is x row r - top
  const dx = regrid(s, acc!, -top, -left, h + top - hg, w + left - wg, 0); // [N, H, W, C]
  s.free(dx);
  return dx;
}
