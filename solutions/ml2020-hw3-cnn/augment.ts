// Augmentation in tfjs ops: a per-image random left-right flip, then a per-image shift with zero
// fill. Both are one index lookup into the zero-padded batch (m = maxShift pixels each side):
//   out[i][y][x] = padded[i][y - dy + m][col],  col = x - dx + m, or 31 - (x - dx) + m when flipped,
// done for the whole batch by one gather of pixels (rows of the padded batch flattened to
// [n * (h + 2m) * (w + 2m), c]). Indices are whole pixels, so no value is blended
// (tf.image.cropAndResize rounded some boxes to the neighbouring pixel).
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/kit.ts';

/** x [n,h,w,c] (any scale) -> [n,h,w,c] float32: f[y - dy][x - dx] (0 outside), f flipped with p = 1/2. */
export function augmentTensor(x: tf.Tensor4D, rng: Rng, maxShift: number): tf.Tensor4D {
  const [n, h, w] = x.shape;
  const m = maxShift;
  const shift = () => Math.min(m, Math.floor(rng() * (2 * m + 1)) - m);
  const [ph, pw] = [h + 2 * m, w + 2 * m];
  const at = new Int32Array(n * h * w); // [n * h * w] flat pixel of the padded batch read by each output pixel
  for (let i = 0; i < n; i++) {
    const flip = rng() < 0.5;
    const [dy, dx] = [shift(), shift()];
    for (let y = 0; y < h; y++) for (let c = 0; c < w; c++) {
      const col = flip ? w - 1 - (c - dx) + m : c - dx + m;
      at[(i * h + y) * w + c] = (i * ph + y - dy + m) * pw + col;
    }
  }
  return tf.tidy(() => {
    const channels = x.shape[3];
    const padded = tf.pad(x.toFloat(), [[0, 0], [m, m], [m, m], [0, 0]]).reshape([n * ph * pw, channels]);
    return tf.gather(padded, tf.tensor1d(at, 'int32')).reshape([n, h, w, channels]) as tf.Tensor4D;
  });
}
