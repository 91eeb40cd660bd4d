// A training loop that wastes no time, for solutions and the bench. Compared with model.fit it:
//  - shuffles with a seeded permutation (fit uses Math.random), so a seed fixes the batch order;
//  - reads nothing back to the host inside an epoch: batch losses are summed on the device and read
//    once per epoch (fit resolves logs per batch for its callbacks);
//  - builds each batch with one copy of its rows, the one copy a shuffle needs. On wasm and cpu the
//    rows are copied on the host from one host copy of the data (made once per fitFast call, for
//    data up to HOST_COPY_LIMIT bytes): wasm's Gather kernel costs about 1.2 ms of CPU per
//    64-image batch, a JavaScript row copy and upload a few hundredths of that. Elsewhere, and for
//    larger data, each batch is one Gather on the device.
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

const HOST_COPY_LIMIT = 512 * 2 ** 20;

/** Batches of a tensor's rows [N, ...] in a given order. */
type Batcher = (lo: number, size: number, order?: Int32Array) => tf.Tensor;

function batcher(t: tf.Tensor, hostBatches?: boolean): Batcher {
  const row = t.size / t.shape[0];
  const rest = t.shape.slice(1);
  const onHost = t.dtype !== 'string'
    && (hostBatches ?? (['wasm', 'cpu'].includes(tf.getBackend()) && t.size * 4 <= HOST_COPY_LIMIT));
  if (!onHost) {
    return (lo, size, order) => tf.tidy(() => tf.gather(t, order
      ? tf.tensor1d(order.subarray(lo, lo + size), 'int32') : tf.range(lo, lo + size, 1, 'int32')));
  }
  const values = t.dataSync() as Float32Array | Int32Array | Uint8Array;
  return (lo, size, order) => {
    const out = new (values.constructor as Float32ArrayConstructor)(size * row);
    for (let i = 0; i < size; i++) {
      const r = order ? order[lo + i] : lo + i;
      out.set(values.subarray(r * row, (r + 1) * row), i * row);
    }
    return tf.tensor(out, [size, ...rest], t.dtype);
  };
}

export interface FitFastOptions {
  epochs?: number; // default 1
  batchSize?: number; // default 64
  seed?: number; // shuffling seed; default 0
  shuffle?: boolean; // default true
  /** Copy batches from a host copy of x and y (default: on wasm and cpu, for data up to 512 MiB). */
  hostBatches?: boolean;
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
  const [xs, ys] = [batcher(x, opts.hostBatches), batcher(y, opts.hostBatches)];
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
      const [xb, yb] = [xs(lo, size, order), ys(lo, size, order)];
      const outs = step(xb, yb);
      const next = tf.tidy(() => tf.add(total, tf.mul(outs[0], size)) as tf.Scalar);
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
