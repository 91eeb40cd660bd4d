// The grader's own evaluation of an imported model: it turns the test images into the model's input
// (scaled as the solution declared, padded to 32x32 when the model's input is 32x32), runs the
// model in batches and keeps the 10 output values of every image (the output layer the PCA and
// t-SNE maps embed), the argmax predictions, accuracy and cross-entropy against the labels it kept.
import * as tf from '@tensorflow/tfjs';
import { RequirementFailed } from '../../grading/errors.ts';
import type { FashionImages } from '../../contracts/sjtu-lenet-mynet.ts';

export interface Normalization { mean: number; std: number }

export interface Evaluation {
  outputs: Float32Array; // [n, 10] what the model's last layer produced (logits or probabilities)
  predictions: Int32Array; // [n] argmax
  accuracy: number;
  crossEntropy: number; // mean -log softmax(logits)[label]; -log p[label] if the model outputs probabilities
}

/** 28 or 32: the side the model expects; anything else cannot take Fashion-MNIST. */
export function inputSide(model: tf.LayersModel): 28 | 32 {
  const shape = model.inputs[0].shape; // [null, h, w, c]
  const [h, w, c] = shape.slice(1);
  if (shape.length === 4 && h === w && c === 1 && (h === 28 || h === 32)) return h;
  throw new RequirementFailed(`the model's input is [${shape.map((d) => d ?? 'N')}]; it must be [N,28,28,1] or [N,32,32,1] (Fashion-MNIST padded by 2)`);
}

/** images [n, 28, 28, 1] bytes -> the model's input [n, side, side, 1] float32. */
export function toInput(set: FashionImages, side: 28 | 32, norm: Normalization = { mean: 0, std: 1 }): tf.Tensor4D {
  const n = set.shape[0];
  return tf.tidy(() => {
    const x = tf.tensor4d(set.images, [n, 28, 28, 1], 'float32').div(255).sub(norm.mean).div(norm.std) as tf.Tensor4D;
    // the border is black pixels (byte 0) as torchvision's Pad(2) before Normalize gives: after
    // scaling, a black pixel is -mean / std (0 for the default scaling)
    const black = -norm.mean / norm.std;
    return side === 32 ? tf.pad(x, [[0, 0], [2, 2], [2, 2], [0, 0]], black) : x;
  });
}

/** The model's outputs [n, 10] on set, in batches (the padded 32x32 test set is 40 MB of floats). */
export async function modelOutputs(model: tf.LayersModel, set: FashionImages, norm?: Normalization, batch = 500): Promise<Float32Array> {
  const side = inputSide(model);
  const n = set.shape[0];
  const out = new Float32Array(n * 10);
  for (let lo = 0; lo < n; lo += batch) {
    const size = Math.min(batch, n - lo);
    const part: FashionImages = { images: set.images.subarray(lo * 784, (lo + size) * 784), shape: [size, 28, 28, 1] };
    const y = tf.tidy(() => model.predict(toInput(part, side, norm)) as tf.Tensor);
    if (y.shape.length !== 2 || y.shape[1] !== 10) {
      y.dispose();
      throw new RequirementFailed(`the model's output is [${y.shape}] for ${size} images; it must be [${size},10]`);
    }
    out.set(await y.data() as Float32Array, lo * 10);
    y.dispose();
  }
  return out;
}

/** Scores outputs [n, 10] against labels [n]. */
export function score(outputs: Float32Array, labels: Int32Array): Evaluation {
  const n = labels.length;
  const predictions = new Int32Array(n);
  const probabilities = looksLikeProbabilities(outputs);
  let correct = 0, ce = 0;
  for (let i = 0; i < n; i++) {
    const row = outputs.subarray(10 * i, 10 * i + 10);
    let best = 0;
    for (let k = 1; k < 10; k++) if (row[k] > row[best]) best = k;
    predictions[i] = best;
    if (best === labels[i]) correct++;
    if (probabilities) ce -= Math.log(Math.max(row[labels[i]], 1e-12));
    else {
      const m = row[best];
      let s = 0;
      for (let k = 0; k < 10; k++) s += Math.exp(row[k] - m);
      ce += m + Math.log(s) - row[labels[i]];
    }
  }
  return { outputs, predictions, accuracy: correct / n, crossEntropy: ce / n };
}

/** Every row non-negative and summing to 1: a softmax output rather than logits. */
function looksLikeProbabilities(outputs: Float32Array): boolean {
  for (let i = 0; i < outputs.length; i += 10) {
    let s = 0;
    for (let k = 0; k < 10; k++) { if (outputs[i + k] < 0) return false; s += outputs[i + k]; }
    if (Math.abs(s - 1) > 1e-3) return false;
  }
  return true;
}
