// The grader's own scoring of an imported model: images (bytes) become the model's input, pixels / 255
// shaped as the model asks ([n,28,28,1] for a CNN, [n,28,28] for the row LSTM); outputs [n,10] are
// read in batches and their argmax compared with the labels the grader kept.
import * as tf from '@tensorflow/tfjs';
import type { UnlabelledImages } from '../../contracts/mit-cnn-regularization.ts';
import { RequirementFailed } from '../../grading/errors.ts';

/** 'image' for [N,28,28,1] inputs, 'rows' for [N,28,28]; anything else cannot read Fashion-MNIST. */
export function inputKind(model: tf.LayersModel): 'image' | 'rows' {
  const shape = model.inputs[0].shape; // [null, ...]
  const dims = shape.slice(1).join();
  if (dims === '28,28,1') return 'image';
  if (dims === '28,28') return 'rows';
  throw new RequirementFailed(`the model's input is [${shape.map((d) => d ?? 'N')}]; it must be [N,28,28,1] (CNN) or [N,28,28] (rows as steps)`);
}

/** Predicted classes [n] of the model on the images, 500 at a time. */
export async function predictClasses(model: tf.LayersModel, set: UnlabelledImages, batch = 500): Promise<Int32Array> {
  const kind = inputKind(model);
  const n = set.shape[0];
  const out = new Int32Array(n);
  for (let lo = 0; lo < n; lo += batch) {
    const size = Math.min(batch, n - lo);
    const pixels = set.images.subarray(lo * 784, (lo + size) * 784);
    const y = tf.tidy(() => model.predict(tf.tensor(pixels, kind === 'image' ? [size, 28, 28, 1] : [size, 28, 28], 'float32').div(255)) as tf.Tensor);
    if (y.shape.length !== 2 || y.shape[1] !== 10) {
      y.dispose();
      throw new RequirementFailed(`the model's output is [${y.shape}] for ${size} images; it must be [${size},10]`);
    }
    const classes = tf.tidy(() => y.argMax(-1));
    out.set(await classes.data() as Int32Array, lo);
    tf.dispose([y, classes]);
  }
  return out;
}

/** Sum of squares of every conv and dense kernel (biases, batch-norm and recurrent weights left out). */
export function kernelSquaredNorm(model: tf.LayersModel): number {
  let total = 0;
  for (const layer of model.layers) {
    if (!['Conv2D', 'Dense'].includes(layer.getClassName())) continue;
    const kernel = layer.getWeights()[0];
    total += tf.tidy(() => kernel.square().sum().dataSync()[0]);
  }
  return total;
}

/** images [n, ...] followed by more images [m, ...]: one set the solution predicts after each epoch. */
export function concatImages(a: UnlabelledImages, b: UnlabelledImages): UnlabelledImages {
  const images = new Uint8Array(a.images.length + b.images.length);
  images.set(a.images, 0);
  images.set(b.images, a.images.length);
  return { images, shape: [a.shape[0] + b.shape[0], 28, 28, 1] };
}
