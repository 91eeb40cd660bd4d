// The grader's own scoring of an imported model: pixels / 255 as the contract fixes, predicted in
// batches (argmax of the [n, 10] output), accuracy against labels the grader kept.
import * as tf from '@tensorflow/tfjs';
import type { Images } from '../../contracts/leiden-mlp-vs-cnn.ts';
import type { ImageSet } from '../../data/index.ts';
import { accuracy } from '../../grading/checks.ts';
import { RequirementFailed } from '../../grading/errors.ts';
import { makeRng, permutation } from '../../engine/seed.ts';
import { selectImages } from '../../data/index.ts';

/** Predicted class [n] of every image of set [n, H, W, C], 500 at a time. */
export async function predictClasses(model: tf.LayersModel, set: Images, batch = 500): Promise<Int32Array> {
  const n = set.shape[0];
  const row = set.images.length / n;
  const out = new Int32Array(n);
  for (let lo = 0; lo < n; lo += batch) {
    const size = Math.min(batch, n - lo);
    const shape = [size, ...set.shape.slice(1)] as [number, number, number, number];
    const y = tf.tidy(() => model.predict(tf.tensor4d(set.images.subarray(lo * row, (lo + size) * row), shape, 'int32').toFloat().div(255)) as tf.Tensor);
    if (y.shape.length !== 2 || y.shape[1] !== 10) {
      y.dispose();
      throw new RequirementFailed(`the model's output is [${y.shape}] for ${size} images; it must be [${size},10]`);
    }
    const values = await y.data(); // [size, 10]
    y.dispose();
    for (let i = 0; i < size; i++) {
      let best = 0;
      for (let k = 0; k < 10; k++) {
        const v = values[10 * i + k];
        // a NaN output would argmax to class 0 and score 10% in silence: say why instead
        if (!Number.isFinite(v)) throw new RequirementFailed(`the model's output is not finite (${v}) for image ${lo + i}; did training diverge?`);
        if (v > values[10 * i + best]) best = k;
      }
      out[lo + i] = best;
    }
  }
  return out;
}

export async function scoreOn(model: tf.LayersModel, set: ImageSet): Promise<number> {
  return accuracy(await predictClasses(model, set), set.labels);
}

export interface Split {
  train: ImageSet; // what the solution trains on (labelled)
  validation: ImageSet; // held out by the grader; the solution sees these images without labels
  trainSample: ImageSet; // the training images the grader scores for "train accuracy" (all, or a sample)
}

/**
 * The grader's validation split of a training set: a seeded permutation; the first nVal images are
 * the validation set, the next nTrain the training set (nTrain = the rest when omitted).
 */
export function splitTrainValidation(set: ImageSet, nVal: number, nTrain: number | undefined, sample: number, seed: number): Split {
  const order = permutation(set.labels.length, makeRng(`leiden-mlp-vs-cnn:split:${seed}`));
  const end = nTrain === undefined ? order.length : nVal + nTrain;
  const train = selectImages(set, order.subarray(nVal, end));
  return {
    validation: selectImages(set, order.subarray(0, nVal)),
    train,
    // the training images are already shuffled, so the first `sample` are a random sample
    trainSample: sample >= train.labels.length ? train : selectImages(train, Int32Array.from({ length: sample }, (_, i) => i)),
  };
}
