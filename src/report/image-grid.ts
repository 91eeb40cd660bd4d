// PNG grids of images for reports (samples, saliency maps, adversarial pairs). pngjs encodes; the
// layout and colour maps are ours because no small library lays tensors out as a labelled grid.
// Text does not go into the PNG: captions (labels, confidences) belong in the markdown beside it.
import { PNG } from 'pngjs';

/** One image: values [h * w * channels] row-major (channels 1 or 3), in [lo, hi] (default [0, 1]). */
export interface GridImage {
  values: ArrayLike<number>;
  height: number;
  width: number;
  channels: 1 | 3;
  /** Value range mapped to 0..255; default [0, 1]. Use [0, 255] for bytes. */
  range?: [number, number];
  /** For one-channel images: 'grey' (default), 'heat' (black-red-yellow-white, saliency) or
   *  'diverging' (blue for lo, white for the middle, red for hi: signed weights, perturbations). */
  colormap?: 'grey' | 'heat' | 'diverging';
}

export interface GridOptions {
  /** Each pixel becomes scale x scale pixels (default 2: 32x32 CIFAR images are small). */
  scale?: number;
  /** Gap between cells in output pixels (default 2), white. */
  gap?: number;
}

/** Encodes rows of images as a PNG; rows may have different lengths; cells are sized by the largest image. */
export function imageGridPng(rows: GridImage[][], o: GridOptions = {}): Buffer {
  const scale = o.scale ?? 2, gap = o.gap ?? 2;
  const all = rows.flat();
  if (all.length === 0) throw new Error('imageGridPng: no images');
  const cellH = Math.max(...all.map((im) => im.height)) * scale;
  const cellW = Math.max(...all.map((im) => im.width)) * scale;
  const cols = Math.max(...rows.map((r) => r.length));
  const png = new PNG({ width: cols * (cellW + gap) + gap, height: rows.length * (cellH + gap) + gap });
  png.data.fill(255);
  rows.forEach((row, r) => row.forEach((im, c) => {
    checkImage(im);
    const ox = gap + c * (cellW + gap), oy = gap + r * (cellH + gap);
    for (let y = 0; y < im.height * scale; y++) for (let x = 0; x < im.width * scale; x++) {
      const rgb = pixel(im, Math.floor(y / scale), Math.floor(x / scale));
      const at = 4 * ((oy + y) * png.width + ox + x);
      png.data[at] = rgb[0]; png.data[at + 1] = rgb[1]; png.data[at + 2] = rgb[2]; png.data[at + 3] = 255;
    }
  }));
  return PNG.sync.write(png);
}

function checkImage(im: GridImage): void {
  const want = im.height * im.width * im.channels;
  if (im.values.length !== want) throw new Error(`imageGridPng: ${im.height}x${im.width}x${im.channels} image needs ${want} values, got ${im.values.length}`);
}

/** RGB bytes of pixel (y, x). */
function pixel(im: GridImage, y: number, x: number): [number, number, number] {
  const [lo, hi] = im.range ?? [0, 1];
  const unit = (v: number): number => Math.min(1, Math.max(0, (v - lo) / (hi - lo || 1)));
  const at = (y * im.width + x) * im.channels;
  if (im.channels === 3) return [byte(unit(im.values[at])), byte(unit(im.values[at + 1])), byte(unit(im.values[at + 2]))];
  const t = unit(im.values[at]);
  if (im.colormap === 'heat') return [byte(3 * t), byte(3 * t - 1), byte(3 * t - 2)];
  if (im.colormap === 'diverging') return t < 0.5 ? [byte(2 * t), byte(2 * t), 255] : [255, byte(2 - 2 * t), byte(2 - 2 * t)];
  return [byte(t), byte(t), byte(t)];
}

function byte(t: number): number {
  return Math.round(255 * Math.min(1, Math.max(0, t)));
}
