// A training loop that wastes no time, for solutions and the bench. Compared with model.fit it:
//  - shuffles with a seeded permutation (fit uses Math.random), so a seed fixes the batch order;
//  - reads nothing back to the host inside an epoch: batch losses are summed on the device and read
//    once per epoch (fit resolves logs per batch for its callbacks);
//  - builds each batch with one gather of its rows (the one copy a shuffle needs; unshuffled batches
//    are contiguous slices), never a copy of the whole data set.
// The step itself is the layers model's own compiled train function (same loss, metrics, regularizers
// and optimizer as fit), so a model trained here is an ordinary tf.LayersModel afterwards.
import * as tf from '@tensorflow/tfjs';
import { makeRng, permutation } from './seed.ts';

/** One optimizer step on a batch: returns [loss, ...metrics] scalars (the caller disposes them). */
export type TrainStep = (x: tf.Tensor, y: tf.Tensor) => tf.Scalar[];

/**
 * The compiled model's own train function (protected in tfjs-layers 4.22's typings, public at run
 * time). A tf.Sequential compiles and fits the functional model it wraps (`.model`), so use that.
 */
export function makeTrainStep(model: tf.LayersModel): TrainStep {
  if (!model.optimizer) throw new Error('fitFast: compile the model first (model.compile({optimizer, loss}))');
  type Trainable = { makeTrainFunction(): (data: tf.Tensor[]) => tf.Scalar[]; model?: Trainable };
  const m = model as unknown as Trainable;
  const trainFunction = (m.model ?? m).makeTrainFunction();
  return (x, y) => trainFunction([x, y]);
}

export interface FitFastOptions {
  epochs?: number; // default 1
  batchSize?: number; // default 64
  seed?: number; // shuffling seed; default 0
  shuffle?: boolean; // default true
  /** Stop an epoch after this many batches (for benchmarks and smoke runs). */
  maxBatchesPerEpoch?: number;
  /** Called after each epoch with the mean training loss over the epoch's samples. */
  onEpoch?: (epoch: number, logs: EpochLogs) => void | Promise<void>;
}

export interface EpochLogs {
  loss: number; // mean over the samples seen this epoch
  samples: number;
  seconds: number;
  imagesPerSec: number;
}

/**
 * Trains a compiled tf.LayersModel on x [N, ...] and y [N, ...] (targets as the loss expects them,
 * e.g. one-hot [N, 10]). Returns the per-epoch logs.
 */
export async function fitFast(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, opts: FitFastOptions = {}): Promise<EpochLogs[]> {
  const n = x.shape[0];
  if (y.shape[0] !== n) throw new Error(`fitFast: x has ${n} samples but y has ${y.shape[0]}`);
  const { epochs = 1, batchSize = 64, seed = 0, shuffle = true } = opts;
  const step = makeTrainStep(model);
  const rng = makeRng(`fitFast:${seed}`);
  const history: EpochLogs[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const start = performance.now();
    const order = shuffle ? permutation(n, rng) : undefined;
    const batches = Math.min(Math.ceil(n / batchSize), opts.maxBatchesPerEpoch ?? Infinity);
    let total: tf.Scalar = tf.scalar(0);
    let samples = 0;
    for (let b = 0; b < batches; b++) {
      const lo = b * batchSize;
      const size = Math.min(batchSize, n - lo);
      const [xb, yb] = batch(x, y, lo, size, order);
      const outs = step(xb, yb);
      const next = tf.tidy(() => tf.add(total, tf.mul(outs[0], size)));
      tf.dispose([xb, yb, total, ...outs]);
      total = next;
      samples += size;
    }
    const loss = (await total.data())[0] / samples; // the epoch's one read-back
    total.dispose();
    const seconds = (performance.now() - start) / 1000;
    const logs = { loss, samples, seconds, imagesPerSec: samples / seconds };
    history.push(logs);
    await opts.onEpoch?.(epoch, logs);
  }
  return history;
}

/** Rows lo..lo+size of x and y, through the permutation when there is one. */
function batch(x: tf.Tensor, y: tf.Tensor, lo: number, size: number, order?: Int32Array): [tf.Tensor, tf.Tensor] {
  if (!order) return [tf.slice(x, lo, size), tf.slice(y, lo, size)];
  return tf.tidy(() => {
    const idx = tf.tensor1d(order.subarray(lo, lo + size), 'int32');
    return [tf.gather(x, idx), tf.gather(y, idx)] as [tf.Tensor, tf.Tensor];
  });
}
