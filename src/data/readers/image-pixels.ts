// Pixel plumbing after decoding: RGBA to 1 or 3 channels, and resizing. Resizing is separable
// (rows, then columns) with a weight table per output index: 'area' averages the source pixels
// each output pixel covers (right for shrinking a 1920 px MRI to 64), 'bilinear' interpolates
// between the two nearest (right for enlarging), 'nearest' copies (right for label masks).
import type { RgbaImage } from './tiff.ts';

export type ResizeMethod = 'area' | 'bilinear' | 'nearest';

/** RGBA [h, w, 4] -> [h, w, channels]; grey is ITU-R 601 luma, as PIL's convert('L'). */
export function rgbaToChannels(img: RgbaImage, channels: 1 | 3): Uint8Array {
  const n = img.width * img.height;
  const out = new Uint8Array(n * channels);
  const p = img.rgba;
  if (channels === 1) {
    for (let i = 0, j = 0; i < n; i++, j += 4) out[i] = (0.299 * p[j] + 0.587 * p[j + 1] + 0.114 * p[j + 2] + 0.5) | 0;
  } else {
    for (let i = 0, j = 0, k = 0; i < n; i++, j += 4, k += 3) { out[k] = p[j]; out[k + 1] = p[j + 1]; out[k + 2] = p[j + 2]; }
  }
  return out;
}

interface Taps { index: Int32Array; weight: Float32Array; start: Int32Array } // CSR per output index

function weights(src: number, dst: number, method: ResizeMethod): Taps {
  const scale = src / dst;
  const index: number[] = [], weight: number[] = [], start = new Int32Array(dst + 1);
  for (let o = 0; o < dst; o++) {
    start[o] = index.length;
    if (method === 'nearest') {
      index.push(Math.min(src - 1, Math.floor((o + 0.5) * scale))); weight.push(1);
    } else if (method === 'bilinear' || scale <= 1) {
      const x = Math.min(src - 1, Math.max(0, (o + 0.5) * scale - 0.5));
      const i0 = Math.floor(x), i1 = Math.min(src - 1, i0 + 1), f = x - i0;
      index.push(i0, i1); weight.push(1 - f, f);
    } else { // area: the overlap of [o, o+1) * scale with each source pixel, normalised
      const a = o * scale, b = (o + 1) * scale;
      for (let i = Math.floor(a); i < Math.min(src, Math.ceil(b)); i++) {
        index.push(i); weight.push((Math.min(b, i + 1) - Math.max(a, i)) / scale);
      }
    }
  }
  start[dst] = index.length;
  return { index: Int32Array.from(index), weight: Float32Array.from(weight), start };
}

/** Resizes [h, w, c] pixels to [outH, outW, c]. */
export function resizePixels(src: Uint8Array, h: number, w: number, c: number, outH: number, outW: number,
  method: ResizeMethod = 'area'): Uint8Array {
  if (h === outH && w === outW) return src;
  const tx = weights(w, outW, method), ty = weights(h, outH, method);
  const rows = new Float32Array(h * outW * c); // [h, outW, c]
  for (let y = 0; y < h; y++) {
    const srcRow = y * w * c, dstRow = y * outW * c;
    for (let o = 0; o < outW; o++) {
      const d = dstRow + o * c;
      for (let k = tx.start[o]; k < tx.start[o + 1]; k++) {
        const s = srcRow + tx.index[k] * c, wt = tx.weight[k];
        for (let ch = 0; ch < c; ch++) rows[d + ch] += wt * src[s + ch];
      }
    }
  }
  const out = new Uint8Array(outH * outW * c); // [outH, outW, c]
  const rowLen = outW * c;
  const acc = new Float32Array(rowLen);
  for (let o = 0; o < outH; o++) {
    acc.fill(0);
    for (let k = ty.start[o]; k < ty.start[o + 1]; k++) {
      const base = ty.index[k] * rowLen, wt = ty.weight[k];
      for (let x = 0; x < rowLen; x++) acc[x] += wt * rows[base + x];
    }
    for (let x = 0; x < rowLen; x++) out[o * rowLen + x] = Math.min(255, Math.max(0, Math.round(acc[x])));
  }
  return out;
}

/** A decoded image as [size, size, channels] (or its own size when `size` is unset). */
export function toPixels(img: RgbaImage, channels: 1 | 3, size?: [number, number], method?: ResizeMethod): Uint8Array {
  const px = rgbaToChannels(img, channels);
  if (!size) return px;
  return resizePixels(px, img.height, img.width, channels, size[0], size[1], method);
}
