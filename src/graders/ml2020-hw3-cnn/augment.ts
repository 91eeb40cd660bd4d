// The augmentation the hw3 contract defines, on the grader's side (plain JavaScript on bytes):
// an optional horizontal flip, then a shift by (dy, dx) with vacated pixels set to 0:
//   out[y][x] = f[y - dy][x - dx] (0 outside), f = input flipped left-right or not.
// The grader uses it to recognise which transform a solution applied (or that it applied none of
// them), and to augment the batches of the reference network it trains for hw5.
import type { Rng } from '../../engine/seed.ts';

export interface Transform {
  flip: boolean;
  dy: number;
  dx: number;
}

const S = 32, C = 3, PER = S * S * C;

/** Applies t to image i of src [n,32,32,3] and writes it at image j of dst. */
export function applyTransform(src: Uint8Array, i: number, dst: Uint8Array | Float32Array, j: number, t: Transform, scale = 1): void {
  const a = i * PER, b = j * PER;
  for (let y = 0; y < S; y++) {
    const sy = y - t.dy;
    for (let x = 0; x < S; x++) {
      const sx0 = x - t.dx;
      const at = b + (y * S + x) * C;
      if (sy < 0 || sy >= S || sx0 < 0 || sx0 >= S) { dst[at] = 0; dst[at + 1] = 0; dst[at + 2] = 0; continue; }
      const sx = t.flip ? S - 1 - sx0 : sx0;
      const from = a + (sy * S + sx) * C;
      dst[at] = src[from] * scale; dst[at + 1] = src[from + 1] * scale; dst[at + 2] = src[from + 2] * scale;
    }
  }
}

/** Every transform with |dy|, |dx| <= maxShift, identity first. */
export function allTransforms(maxShift: number): Transform[] {
  const out: Transform[] = [];
  for (const flip of [false, true]) for (let dy = -maxShift; dy <= maxShift; dy++) for (let dx = -maxShift; dx <= maxShift; dx++) out.push({ flip, dy, dx });
  return out.sort((p, q) => Number(p.flip) - Number(q.flip) || Math.abs(p.dy) + Math.abs(p.dx) - Math.abs(q.dy) - Math.abs(q.dx));
}

/**
 * Which transform turns image i of input into image i of output, or undefined when none does.
 * Images that some transforms leave equal (a symmetric or blank image) match the first in order.
 */
export function recogniseTransform(input: Uint8Array, output: Uint8Array, i: number, maxShift: number): Transform | undefined {
  const tmp = new Uint8Array(PER);
  const want = output.subarray(i * PER, (i + 1) * PER);
  for (const t of allTransforms(maxShift)) {
    applyTransform(input, i, tmp, 0, t);
    let same = true;
    for (let k = 0; k < PER && same; k++) same = tmp[k] === want[k];
    if (same) return t;
  }
  return undefined;
}

/** A random transform: flip with probability 1/2, shifts uniform in [-maxShift, maxShift]. */
export function randomTransform(rng: Rng, maxShift: number): Transform {
  const shift = () => Math.min(maxShift, Math.floor(rng() * (2 * maxShift + 1)) - maxShift);
  return { flip: rng() < 0.5, dy: shift(), dx: shift() };
}
