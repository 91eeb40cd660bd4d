// L1 against L2: the grader trains nothing itself. It hands the solution a two-digit MNIST task,
// scores each returned linear model on test digits, and counts near-zero weights (|w| <= 1e-3 max |w|)
// among the pixels that are ever lit in the training images (always-black pixels get no gradient,
// so both penalties leave them at zero and they would say nothing about the penalty).
import { PNG } from 'pngjs';
import type { LinearModel } from '../../contracts/iust-p2-regularization.ts';
import { selectImages, stratifiedSubset, type ImageSet } from '../../data/index.ts';
import type { Array2 } from '../../grading/types.ts';
import { toPoints } from './knn.ts';

export const NEAR_ZERO = 1e-3; // relative to the largest |weight|

/** The images of digits a (label 0) and b (label 1): a stratified subset of n, as points. */
export function twoDigits(set: ImageSet, a: number, b: number, n: number, seed: number): { x: Array2; labels: Int32Array } {
  const both = selectImages(set, [...set.labels.keys()].filter((i) => set.labels[i] === a || set.labels[i] === b));
  const sub = n < both.shape[0] ? stratifiedSubset(both, n, seed) : both;
  return { x: toPoints(sub), labels: Int32Array.from(sub.labels, (l) => (l === b ? 1 : 0)) };
}

/** [D] true where some training image lights the pixel. */
export function litPixels(x: Array2): boolean[] {
  const [n, d] = x.shape;
  const lit = new Array<boolean>(d).fill(false);
  for (let i = 0; i < n * d; i++) if (x.data[i] > 0) lit[i % d] = true;
  return lit;
}

/** Fraction of the lit pixels whose weight is near zero. */
export function nearZeroFraction(w: Float64Array, lit: boolean[]): number {
  const max = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const n = lit.filter(Boolean).length;
  return w.filter((v, j) => lit[j] && Math.abs(v) <= NEAR_ZERO * max).length / n;
}

export function linearAccuracy(m: LinearModel, x: Array2, labels: Int32Array): number {
  const [n, d] = x.shape;
  let ok = 0;
  for (let i = 0; i < n; i++) {
    let z = m.bias;
    for (let j = 0; j < d; j++) z += x.data[i * d + j] * m.weights[j];
    if ((z > 0 ? 1 : 0) === labels[i]) ok++;
  }
  return ok / n;
}

/**
 * Weight maps side by side as a PNG (each 28x28 scaled by `zoom`): red positive, blue negative with a
 * square-root colour scale (so small weights stay visible), grey for near-zero weights on lit pixels,
 * white for pixels never lit.
 */
export function weightMapsPng(maps: Float64Array[], lit: boolean[], zoom = 8): Buffer {
  const side = 28 * zoom, gap = 8;
  const png = new PNG({ width: maps.length * (side + gap) - gap, height: side });
  png.data.fill(255);
  maps.forEach((w, k) => {
    const max = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
    for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) {
      const j = Math.floor(y / zoom) * 28 + Math.floor(x / zoom);
      const v = w[j] / max; // [-1, 1]
      const at = 4 * (y * png.width + k * (side + gap) + x);
      const fade = Math.round(255 * (1 - Math.sqrt(Math.abs(v))));
      const rgb = !lit[j] ? [255, 255, 255] : Math.abs(v) <= NEAR_ZERO ? [200, 200, 200] : v > 0 ? [255, fade, fade] : [fade, fade, 255];
      [png.data[at], png.data[at + 1], png.data[at + 2]] = rgb;
    }
  });
  return PNG.sync.write(png);
}
