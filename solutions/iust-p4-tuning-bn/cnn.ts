// The small MNIST CNN family of the search, and a trainer that runs an exact number of steps
// (batches of 32, drawn by a seeded permutation) so that a budget in steps means what it says.
import * as tf from '@tensorflow/tfjs';
import type { CnnConfig, LabelledDigits } from '../../src/contracts/iust-p4-tuning-bn.ts';
import { exportModel, makeRng, makeTrainStep, permutation, seedEverything } from '../../src/kit.ts';

export const BATCH = 32;

export function buildCnn(c: CnnConfig): tf.Sequential {
  const conv = (filters: number, first = false) => tf.layers.conv2d({
    ...(first ? { inputShape: [28, 28, 1] } : {}), filters, kernelSize: c.kernelSize, padding: 'same', activation: 'relu',
  });
  const model = tf.sequential({
    layers: [
      conv(c.filters, true), tf.layers.maxPooling2d({ poolSize: 2 }), // [N, 14, 14, f]
      conv(2 * c.filters), tf.layers.maxPooling2d({ poolSize: 2 }), // [N, 7, 7, 2f]
      tf.layers.flatten(), tf.layers.dropout({ rate: c.dropout }),
      tf.layers.dense({ units: c.denseUnits, activation: 'relu' }), tf.layers.dense({ units: 10 }), // logits
    ],
  });
  model.compile({ optimizer: tf.train.adam(c.learningRate), loss: tf.losses.softmaxCrossEntropy });
  return model;
}

/** x [n, 28, 28, 1] in [0, 1] and one-hot y [n, 10]. */
export function toTensors(d: LabelledDigits): { x: tf.Tensor4D; y: tf.Tensor2D } {
  return tf.tidy(() => ({
    x: tf.tensor4d(d.images, d.shape, 'float32').div(255) as tf.Tensor4D,
    y: tf.oneHot(tf.tensor1d(d.labels, 'int32'), 10) as tf.Tensor2D,
  }));
}

/** A resumable stream of shuffled batches: successive halving continues a model where it stopped. */
export function batchStream(n: number, seed: string): () => Int32Array {
  const rng = makeRng(seed);
  let order = permutation(n, rng), at = 0;
  return () => {
    if (at + BATCH > n) { order = permutation(n, rng); at = 0; }
    at += BATCH;
    return order.subarray(at - BATCH, at);
  };
}

export async function trainFor(model: tf.LayersModel, x: tf.Tensor4D, y: tf.Tensor2D, steps: number, next: () => Int32Array): Promise<void> {
  const step = makeTrainStep(model);
  for (let s = 0; s < steps; s++) {
    const idx = tf.tensor1d(next(), 'int32');
    const [xb, yb] = [tf.gather(x, idx), tf.gather(y, idx)];
    tf.dispose([idx, xb, yb, ...step(xb, yb)]);
    if (s % 50 === 49) await tf.nextFrame(); // let timers (the grader's budget) run
  }
}

export async function accuracyOn(model: tf.LayersModel, x: tf.Tensor4D, labels: Int32Array): Promise<number> {
  const pred = tf.tidy(() => (model.predict(x, { batchSize: 500 }) as tf.Tensor).argMax(-1));
  const p = await pred.data();
  pred.dispose();
  return Array.from(p).filter((v, i) => v === labels[i]).length / labels.length;
}

export async function trainCnn(data: LabelledDigits, config: CnnConfig, o: { steps: number; seed: number }) {
  seedEverything(o.seed);
  const model = buildCnn(config);
  const { x, y } = toTensors(data);
  try {
    await trainFor(model, x, y, o.steps, batchStream(data.labels.length, `train:${o.seed}`));
    return { model: await exportModel(model) };
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}
