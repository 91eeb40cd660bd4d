// Reference solution for ml2020-hw3-cnn: the seed's HW3 network (five conv-BN-ReLU-pool blocks,
// three dense layers) at the widths the grader asks for, trained with Adam on augmented batches.
import * as tf from '@tensorflow/tfjs';
import type { AugmentOptions, Cifar10Images, Hw3TrainOptions, Hw3Widths, LabelledCifar10, Ml2020Hw3Cnn } from '../../src/contracts/ml2020-hw3-cnn.ts';
import { exportModel, makeRng, makeTrainStep, permutation, recalibrateBatchNorm } from '../../src/kit.ts';
import { augmentTensor } from './augment.ts';

const PER = 32 * 32 * 3;
const EVAL_TRAIN = 5000; // the train-accuracy curve uses a fixed subset of at most this many images

/** [n,32,32,3] bytes -> [n,32,32,3] float in [0, 1], for the images at `rows` (all if omitted). */
function inputs(set: Cifar10Images, rows?: ArrayLike<number>): tf.Tensor4D {
  const n = rows ? rows.length : set.shape[0];
  const out = new Float32Array(n * PER);
  for (let j = 0; j < n; j++) {
    const i = rows ? rows[j] : j;
    for (let k = 0; k < PER; k++) out[j * PER + k] = set.images[i * PER + k] / 255;
  }
  return tf.tensor4d(out, [n, 32, 32, 3]);
}

function network(w: Hw3Widths): tf.Sequential {
  const model = tf.sequential();
  w.conv.forEach((filters, i) => {
    model.add(tf.layers.conv2d({ ...(i === 0 ? { inputShape: [32, 32, 3] } : {}), filters, kernelSize: 3, padding: 'same' }));
    model.add(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }));
    model.add(tf.layers.reLU());
    model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 32 -> 16 -> 8 -> 4 -> 2 -> 1
  });
  model.add(tf.layers.flatten());
  for (const units of w.dense) model.add(tf.layers.dense({ units, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10 })); // logits
  model.compile({ optimizer: tf.train.adam(1e-3), loss: tf.losses.softmaxCrossEntropy });
  return model;
}

function accuracyOf(model: tf.LayersModel, x: tf.Tensor4D, labels: Int32Array): number {
  let right = 0;
  for (let lo = 0; lo < labels.length; lo += 256) {
    const size = Math.min(256, labels.length - lo);
    const pred = tf.tidy(() => (model.predict(x.slice(lo, size)) as tf.Tensor).argMax(-1).dataSync());
    pred.forEach((p, j) => { right += p === labels[lo + j] ? 1 : 0; });
  }
  return right / labels.length;
}

async function train(data: LabelledCifar10, val: LabelledCifar10, o: Hw3TrainOptions) {
  const rng = makeRng(`hw3:${o.seed}`);
  const model = network(o.widths);
  const step = makeTrainStep(model);
  const n = data.labels.length;
  // Fixed evaluation subsets: a spread over the (class-ordered) training set, and the validation set.
  const evalRows = Int32Array.from({ length: Math.min(EVAL_TRAIN, n) }, (_, j) => Math.floor(j * n / Math.min(EVAL_TRAIN, n)));
  const [xEval, xVal] = [inputs(data, evalRows), inputs(val)];
  const evalLabels = Int32Array.from(evalRows, (i) => data.labels[i]);
  const stride = Math.max(1, Math.floor(evalRows.length / 256));
  const calib = inputs(data, evalRows.filter((_, j) => j % stride === 0).slice(0, 256)); // [<=256,32,32,3] for batch norm
  const history = { loss: [] as number[], trainAccuracy: [] as number[], valAccuracy: [] as number[] };
  for (let e = 0; e < o.epochs; e++) {
    const order = permutation(n, rng);
    let total = 0;
    for (let lo = 0; lo < n; lo += o.batchSize) {
      const rows = order.subarray(lo, Math.min(n, lo + o.batchSize));
      const raw = inputs(data, rows);
      const x = o.augment ? augmentTensor(raw, rng, 4) : raw;
      const y = tf.oneHot(tf.tensor1d(Int32Array.from(rows, (i) => data.labels[i]), 'int32'), 10);
      const outs = step(x, y);
      total += (await outs[0].data())[0] * rows.length;
      tf.dispose([raw, x, y, ...outs]);
    }
    recalibrateBatchNorm(model, calib); // inference statistics = the trained network's, not the initial ones
    history.loss.push(total / n);
    history.trainAccuracy.push(accuracyOf(model, xEval, evalLabels));
    history.valAccuracy.push(accuracyOf(model, xVal, val.labels));
  }
  tf.dispose([xEval, xVal, calib]);
  const artifact = await exportModel(model);
  model.dispose();
  return { model: artifact, history };
}

function augment(batch: Cifar10Images, o: AugmentOptions): Cifar10Images {
  const out = tf.tidy(() => {
    const x = tf.tensor4d(batch.images, batch.shape, 'int32');
    return augmentTensor(x, makeRng(`augment:${o.seed}`), o.maxShift).round().toInt();
  });
  const images = Uint8Array.from(out.dataSync());
  out.dispose();
  return { images, shape: batch.shape };
}

const solution: Ml2020Hw3Cnn = { augment, train };
export default solution;
