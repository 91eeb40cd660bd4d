// hw5's image figures, drawn with report/image-grid.ts: a row of images, then one row of heat maps
// per set of saliency maps (each map scaled to its own maximum); filter visualisations one row per
// layer, each image stretched to its own min..max so faint patterns show.
import type { ExplainImages } from '../../contracts/ml2020-hw5-explain.ts';
import { imageGridPng, type GridImage } from '../../report/image-grid.ts';

const PER = 32 * 32;

/** Images at positions `pick` over rows of their saliency maps [n * 32 * 32]. */
export function saliencyGrid(batch: ExplainImages, mapSets: ArrayLike<number>[], pick: number[]): Buffer {
  const images: GridImage[] = pick.map((i) => ({ values: batch.images.subarray(i * 3 * PER, (i + 1) * 3 * PER), height: 32, width: 32, channels: 3, range: [0, 255] }));
  const heat = (maps: ArrayLike<number>): GridImage[] => pick.map((i) => {
    const values = Array.prototype.slice.call(maps, i * PER, (i + 1) * PER) as number[];
    return { values, height: 32, width: 32, channels: 1, colormap: 'heat', range: [0, Math.max(...values) || 1] };
  });
  return imageGridPng([images, ...mapSets.map(heat)], { scale: 3 });
}

/** One row per layer of visualisations [k * 32 * 32 * 3] in [0, 1]. */
export function filterGrid(rows: Float32Array[]): Buffer {
  return imageGridPng(rows.map((images) => Array.from({ length: images.length / (3 * PER) }, (_, i): GridImage => {
    const values = images.subarray(i * 3 * PER, (i + 1) * 3 * PER);
    let lo = Infinity, hi = -Infinity;
    for (const v of values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    return { values, height: 32, width: 32, channels: 3, range: [lo, hi > lo ? hi : lo + 1] };
  })), { scale: 3 });
}
