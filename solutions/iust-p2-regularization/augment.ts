// Data augmentation for 28x28 garments: a random shift of up to 1 pixel in each direction (the
// border filled with black) and a left-right flip with probability 1/2 (a mirrored shirt is a shirt).
// Shifts of 2 pixels narrowed the gap as well but cost the MLP 1-3 points of test accuracy in 60
// epochs (an MLP has no translation invariance to lean on); 1 pixel cost nothing.
import type { Rng } from '../../src/kit.ts';

/** A fresh augmented copy of images [n, 28, 28, 1] bytes. */
export function augment(images: Uint8Array, n: number, rng: Rng): Uint8Array {
  const out = new Uint8Array(images.length);
  for (let k = 0; k < n; k++) {
    const dx = Math.floor(rng() * 3) - 1;
    const dy = Math.floor(rng() * 3) - 1;
    const flip = rng() < 0.5;
    const base = k * 784;
    for (let r = 0; r < 28; r++) {
      const sr = r - dy;
      if (sr < 0 || sr >= 28) continue;
      for (let c = 0; c < 28; c++) {
        const sc = (flip ? 27 - c : c) - dx;
        if (sc >= 0 && sc < 28) out[base + r * 28 + c] = images[base + sr * 28 + sc];
      }
    }
  }
  return out;
}
