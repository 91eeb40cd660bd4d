// Features for the distance-based classifiers (and, reused, for the perceptron): deskewed, lightly
// blurred pixels scaled to [0, 1]. Deskewing (shear each digit upright by its second moments and
// move its centre of mass to the image centre) removes the slant that raw-pixel distances mistake
// for a different digit; a 3x3 binomial blur makes one-pixel stroke offsets cost little. Measured on
// five seeded 1707 / 1000 MNIST subsets, 3-NN test accuracy: raw pixels 91.7%, deskewed 95.2%,
// deskewed + blurred + unit length (cosine distance) 96.1%.
import type { Images } from '../../src/contracts/leiden-distance-knn.ts';

const S = 28; // MNIST side; images are [n, 28, 28, 1]
const P = S * S;

/** Deskews one image: src [784] bytes -> dst [784] floats in [0, 1] (bilinear resampling). */
export function deskewOne(src: Uint8Array, dst: Float32Array): void {
  let m = 0, mx = 0, my = 0;
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) { const v = src[y * S + x]; m += v; mx += v * x; my += v * y; }
  if (m === 0) { dst.fill(0); return; } // a blank image has no moments: leave it blank
  mx /= m; my /= m;
  let cxy = 0, cyy = 0;
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) {
    const v = src[y * S + x];
    cxy += v * (x - mx) * (y - my); cyy += v * (y - my) * (y - my);
  }
  const shear = cyy > 0 ? cxy / cyy : 0; // x drifts by `shear` pixels per row down the stroke
  const c = (S - 1) / 2;
  const at = (x: number, y: number) => (x >= 0 && x < S && y >= 0 && y < S ? src[y * S + x] : 0);
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) {
    // output (x, y) samples the input at the sheared, re-centred position (sx, sy)
    const sx = x + shear * (y - c) + (mx - c), sy = y + (my - c);
    const x0 = Math.floor(sx), y0 = Math.floor(sy), fx = sx - x0, fy = sy - y0;
    dst[y * S + x] = ((1 - fx) * (1 - fy) * at(x0, y0) + fx * (1 - fy) * at(x0 + 1, y0)
      + (1 - fx) * fy * at(x0, y0 + 1) + fx * fy * at(x0 + 1, y0 + 1)) / 255;
  }
}

/** Separable [1, 2, 1] / 4 blur of one 28x28 image, in place (zero padding). */
function blurOne(img: Float32Array, tmp: Float32Array): void {
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) {
    const l = x > 0 ? img[y * S + x - 1] : 0, r = x < S - 1 ? img[y * S + x + 1] : 0;
    tmp[y * S + x] = 0.25 * l + 0.5 * img[y * S + x] + 0.25 * r;
  }
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) {
    const u = y > 0 ? tmp[(y - 1) * S + x] : 0, d = y < S - 1 ? tmp[(y + 1) * S + x] : 0;
    img[y * S + x] = 0.25 * u + 0.5 * tmp[y * S + x] + 0.25 * d;
  }
}

export interface FeatureOptions {
  blur?: boolean;
  unitLength?: boolean; // scale each row to unit L2 norm, so Euclidean distance ranks like cosine
}

/** images [n, 28, 28, 1] bytes -> features [n, 784], each row computed from its own image only. */
export function digitFeatures(set: Images, opts: FeatureOptions = {}): Float32Array {
  const [n, h, w, ch] = set.shape;
  if (h !== S || w !== S || ch !== 1) throw new Error(`expected [n, 28, 28, 1] images, got [${set.shape}]`);
  const out = new Float32Array(n * P);
  const tmp = new Float32Array(P);
  for (let i = 0; i < n; i++) {
    const row = out.subarray(i * P, (i + 1) * P);
    deskewOne(set.images.subarray(i * P, (i + 1) * P), row);
    if (opts.blur) blurOne(row, tmp);
    if (opts.unitLength) {
      let q = 0;
      for (let j = 0; j < P; j++) q += row[j] * row[j];
      if (q > 0) { const s = 1 / Math.sqrt(q); for (let j = 0; j < P; j++) row[j] *= s; }
    }
  }
  return out;
}
