// The grader's Grad-CAM (its own, to compare a solution's maps with), the "does the heat sit on the
// digit" measure, and the figure: a PNG grid of digits with their heatmaps laid over them.
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { writeFile } from 'node:fs/promises';
import { RequirementFailed } from '../../grading/errors.ts';

export const INK = 128; // a pixel with byte >= 128 is ink, below is background

/** Grad-CAM maps [n, 28, 28] in [0, 1] for images [n, 28, 28, 1] bytes, from the last Conv2D layer. */
export function gradersGradCam(model: tf.LayersModel, images: Uint8Array, n: number, classes: Int32Array): Float32Array {
  const layers = model.layers;
  const k = layers.map((l) => l.getClassName()).lastIndexOf('Conv2D');
  if (k < 0) throw new RequirementFailed('the model has no Conv2D layer for Grad-CAM');
  return tf.tidy(() => {
    let a = tf.tensor4d(images, [n, 28, 28, 1], 'float32').div(255) as tf.Tensor;
    for (const layer of layers.slice(0, k + 1)) a = layer.apply(a) as tf.Tensor; // [n, h, w, K]
    const head = (t: tf.Tensor) => {
      let z = t;
      for (const layer of layers.slice(k + 1)) z = layer.apply(z) as tf.Tensor; // [n, 10]
      return tf.sum(tf.mul(z, tf.oneHot(tf.tensor1d(classes, 'int32'), 10))) as tf.Scalar;
    };
    const alpha = tf.mean(tf.grad(head)(a), [1, 2], true);
    const cam = tf.relu(tf.sum(tf.mul(alpha, a), 3, true)) as tf.Tensor4D;
    const up = tf.image.resizeBilinear(cam, [28, 28]);
    return tf.div(up, tf.maximum(tf.max(up, [1, 2, 3], true), 1e-12)).dataSync() as Float32Array;
  });
}

/**
 * Where the heat sits, over images [n, 28, 28]. The digit's region is the pixels within `radius` of
 * ink (byte >= 128): Grad-CAM's maps come from a 14x14 or coarser layer, so heat on a stroke's edge
 * is heat on the digit. Conv biases leave a flat floor of heat on an empty background, so each map
 * is first taken relative to its own median: lift = (share of the above-median heat inside the
 * region) / (the region's share of the pixels). A map that ignores the digit scores ~1 (random) or 0
 * (flat). inkRatio is the plain mean heat on ink / off ink, for the report.
 */
export function heatConcentration(heat: ArrayLike<number>, images: Uint8Array, radius = 1): { lift: number; share: number; area: number; inkRatio: number } {
  const n = images.length / 784;
  let inside = 0, total = 0, regionPixels = 0, si = 0, ni = 0, sb = 0, nb = 0;
  for (let k = 0; k < n; k++) {
    const base = k * 784;
    const sorted = Float64Array.from({ length: 784 }, (_, i) => heat[base + i]).sort();
    const median = (sorted[391] + sorted[392]) / 2;
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) {
      let near = false;
      for (let dy = -radius; dy <= radius && !near; dy++) for (let dx = -radius; dx <= radius && !near; dx++) {
        const yy = y + dy, xx = x + dx;
        near = yy >= 0 && yy < 28 && xx >= 0 && xx < 28 && images[base + yy * 28 + xx] >= INK;
      }
      const h = heat[base + y * 28 + x], excess = Math.max(0, h - median);
      total += excess;
      if (near) { inside += excess; regionPixels++; }
      if (images[base + y * 28 + x] >= INK) { si += h; ni++; } else { sb += h; nb++; }
    }
  }
  const share = total > 0 ? inside / total : 0, area = regionPixels / (784 * n);
  return { lift: share / area, share, area, inkRatio: (si / ni) / Math.max(sb / nb, 1e-12) };
}

/** Pearson correlation of two maps (flattened). */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i] / n; mb += b[i] / n; }
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) ** 2; sbb += (b[i] - mb) ** 2; }
  return sab / Math.sqrt(Math.max(saa * sbb, 1e-24));
}

/** A "hot" colour map: black -> red -> yellow -> white. */
function hot(h: number): [number, number, number] {
  const c = (v: number) => Math.round(255 * Math.min(1, Math.max(0, v)));
  return [c(3 * h), c(3 * h - 1), c(3 * h - 2)];
}

/**
 * PNG grid: per digit, the digit (grey) beside its heatmap blended over it, `cols` pairs per row,
 * each 28x28 cell drawn at `scale`.
 */
export async function writeHeatmapGrid(file: string, images: Uint8Array, heat: ArrayLike<number>, n: number, cols = 8, scale = 3): Promise<void> {
  const cell = 28 * scale, gap = 4;
  const rows = Math.ceil(n / cols);
  const png = new PNG({ width: cols * (2 * cell + gap) + gap, height: rows * (cell + gap) + gap });
  png.data.fill(255);
  for (let k = 0; k < n; k++) {
    const ox = gap + (k % cols) * (2 * cell + gap), oy = gap + Math.floor(k / cols) * (cell + gap);
    for (let y = 0; y < cell; y++) for (let x = 0; x < cell; x++) {
      const p = k * 784 + Math.floor(y / scale) * 28 + Math.floor(x / scale);
      const g = images[p];
      const [r, gg, b] = hot(heat[p]);
      const put = (px: number, rgb: [number, number, number]) => {
        const i = 4 * ((oy + y) * png.width + px);
        png.data[i] = rgb[0]; png.data[i + 1] = rgb[1]; png.data[i + 2] = rgb[2]; png.data[i + 3] = 255;
      };
      put(ox + x, [g, g, g]);
      const mix = (c: number) => Math.round(0.6 * c + 0.4 * g); // heat over a faint copy of the digit
      put(ox + cell + x, [mix(r), mix(gg), mix(b)]);
    }
  }
  await writeFile(file, PNG.sync.write(png));
}
