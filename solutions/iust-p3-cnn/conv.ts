// Convolution from scratch in float64, NHWC, cs231n style: forward keeps a cache, backward returns
// the gradients of sum(out * dout). Cross-correlation as every framework computes it (no flip).
import type { ConvCache, ConvGradients, ConvParams } from '../../src/contracts/iust-p3-cnn.ts';
import type { Array2 } from '../../src/kit.ts';

/** Output side for one spatial dimension. */
const outSide = (n: number, k: number, p: ConvParams) => Math.floor((n + 2 * p.pad - k) / p.stride) + 1;

/** Calls visit(n, oh, ow, ih, iw, kh, kw) for every tap that reads a real (non-padding) pixel. */
function forEachTap(x: number[], w: number[], p: ConvParams,
  visit: (n: number, oh: number, ow: number, ih: number, iw: number, kh: number, kw: number) => void): void {
  const [N, H, W] = x, [KH, KW] = w;
  const OH = outSide(H, KH, p), OW = outSide(W, KW, p);
  for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
    for (let kh = 0; kh < KH; kh++) {
      const ih = oh * p.stride + kh - p.pad;
      if (ih < 0 || ih >= H) continue;
      for (let kw = 0; kw < KW; kw++) {
        const iw = ow * p.stride + kw - p.pad;
        if (iw >= 0 && iw < W) visit(n, oh, ow, ih, iw, kh, kw);
      }
    }
  }
}

export function convForward(x: Array2<Float64Array>, w: Array2<Float64Array>, b: Float64Array, params: ConvParams) {
  const [N, H, W, C] = x.shape, [KH, KW, , F] = w.shape;
  const OH = outSide(H, KH, params), OW = outSide(W, KW, params);
  const out = new Float64Array(N * OH * OW * F); // [N, OH, OW, F]
  for (let i = 0; i < out.length; i++) out[i] = b[i % F];
  forEachTap(x.shape, w.shape, params, (n, oh, ow, ih, iw, kh, kw) => {
    const o = ((n * OH + oh) * OW + ow) * F;
    const xi = ((n * H + ih) * W + iw) * C;
    for (let c = 0; c < C; c++) {
      const xv = x.data[xi + c];
      const wi = ((kh * KW + kw) * C + c) * F;
      for (let f = 0; f < F; f++) out[o + f] += xv * w.data[wi + f];
    }
  });
  const cache: ConvCache = { x, w, b, params };
  return { out: { data: out, shape: [N, OH, OW, F] }, cache };
}

export function convBackward(dout: Array2<Float64Array>, cache: ConvCache): ConvGradients {
  const { x, w, params } = cache;
  const [, H, W, C] = x.shape, [, KW, , F] = w.shape;
  const [, OH, OW] = dout.shape;
  const dx = new Float64Array(x.data.length);
  const dw = new Float64Array(w.data.length);
  const db = new Float64Array(F);
  for (let i = 0; i < dout.data.length; i++) db[i % F] += dout.data[i]; // bias feeds every output
  forEachTap(x.shape, w.shape, params, (n, oh, ow, ih, iw, kh, kw) => {
    const o = ((n * OH + oh) * OW + ow) * F;
    const xi = ((n * H + ih) * W + iw) * C;
    for (let c = 0; c < C; c++) {
      const wi = ((kh * KW + kw) * C + c) * F;
      let acc = 0;
      for (let f = 0; f < F; f++) {
        acc += w.data[wi + f] * dout.data[o + f]; // out depends on x through w
        dw[wi + f] += x.data[xi + c] * dout.data[o + f]; // and on w through x
      }
      dx[xi + c] += acc;
    }
  });
  return { dx: { data: dx, shape: [...x.shape] }, dw: { data: dw, shape: [...w.shape] }, db };
}
