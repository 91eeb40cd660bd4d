// The grader's side of rotation pretraining: it rotates held-out images itself and scores the
// rotation model, and scores both classifiers (from scratch, from the rotation trunk) on test
// images whose labels it kept.
import * as tf from '@tensorflow/tfjs';
import type { FashionImages } from '../../contracts/iust-p6-metrics-ssl.ts';
import { importModel, type ModelArtifact } from '../../grading/model-artifact.ts';
import { RequirementFailed } from '../../grading/errors.ts';

/** np.rot90 of every image of set by the given quarter turns [n]. */
export function rotateAll(set: FashionImages, turns: Int32Array): FashionImages {
  const n = set.shape[0];
  const out = new Uint8Array(n * 784);
  for (let m = 0; m < n; m++) for (let i = 0; i < 28; i++) for (let j = 0; j < 28; j++) {
    const k = turns[m];
    const [si, sj] = k === 0 ? [i, j] : k === 1 ? [j, 27 - i] : k === 2 ? [27 - i, 27 - j] : [27 - j, i];
    out[m * 784 + i * 28 + j] = set.images[m * 784 + si * 28 + sj];
  }
  return { images: out, shape: set.shape };
}

/** Argmax predictions [n] of a model artifact with `outputs` outputs on images / 255. */
export async function predictArtifact(artifact: ModelArtifact, set: FashionImages, outputs: number, what: string): Promise<Int32Array> {
  const model = await importModel(artifact);
  const n = set.shape[0];
  const out = new Int32Array(n);
  try {
    for (let lo = 0; lo < n; lo += 500) {
      const size = Math.min(500, n - lo);
      const y = tf.tidy(() => model.predict(tf.tensor4d(set.images.subarray(lo * 784, (lo + size) * 784), [size, 28, 28, 1], 'float32').div(255)) as tf.Tensor);
      const shape = y.shape;
      const classes = tf.tidy(() => y.argMax(-1));
      y.dispose();
      if (shape.length !== 2 || shape[1] !== outputs) { classes.dispose(); throw new RequirementFailed(`${what}: output [${shape}] for ${size} images, expected [${size},${outputs}]`); }
      out.set(await classes.data() as Int32Array, lo);
      classes.dispose();
    }
  } finally {
    model.dispose();
  }
  return out;
}
