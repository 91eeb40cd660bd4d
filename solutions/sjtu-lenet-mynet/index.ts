// Reference solution for sjtu-lenet-mynet: LeNet-5 and MyNet as the seed builds them (./models.ts),
// trained with the kit's fast loop (fitFast: seeded shuffle, one read-back per epoch). Recipe: Adam,
// learning rate 1e-3, softmax cross-entropy on logits, pixels / 255; LeNet on 28x28 ('same' first
// conv), MyNet on 32x32 (padded by 2, as the seed); MyNet's batch-norm statistics re-estimated after
// each epoch (see recalibrateBatchNorm).
import * as tf from '@tensorflow/tfjs';
import type { FashionImages, LabelledImages, SjtuLenetMynet, TrainOptions, TrainResult } from '../../src/contracts/sjtu-lenet-mynet.ts';
import { exportModel, fitFast, recalibrateBatchNorm, seedEverything } from '../../src/kit.ts';
import { lenet5, mynet } from './models.ts';

const TRAIN_ACCURACY_IMAGES = 5000; // the train-accuracy curve uses a fixed, evenly spread subset
const CALIBRATION_IMAGES = 256; // batch-norm statistics are re-estimated on this many training images

/** images [n, 28, 28, 1] bytes -> [n, side, side, 1] floats in [0, 1] (black border when side is 32). */
function toInput(set: FashionImages, side: number): tf.Tensor4D {
  return tf.tidy(() => {
    const x = tf.tensor4d(set.images, [set.shape[0], 28, 28, 1], 'float32').div(255) as tf.Tensor4D;
    return side === 32 ? tf.pad(x, [[0, 0], [2, 2], [2, 2], [0, 0]]) : x;
  });
}

/** Argmax classes [n] of the model on x, in batches. */
async function predictClasses(model: tf.LayersModel, x: tf.Tensor4D): Promise<Int32Array> {
  const classes = tf.tidy(() => (model.predict(x, { batchSize: 500 }) as tf.Tensor).argMax(-1));
  const out = Int32Array.from(await classes.data());
  classes.dispose();
  return out;
}

function accuracy(pred: Int32Array, labels: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) ok++;
  return ok / pred.length;
}

function progress(line: string): void {
  if (process.env.GRADEBENCH_PROGRESS) console.log(`[progress] sjtu-lenet-mynet/train: ${line}`);
}

async function train(data: LabelledImages, o: TrainOptions): Promise<TrainResult> {
  seedEverything(o.seed); // tfjs initialisers draw from Math.random
  const side = o.arch === 'mynet' ? 32 : 28;
  const model = o.arch === 'mynet' ? mynet() : lenet5();
  const n = data.shape[0];
  const x = toInput(data, side); // [n, side, side, 1]
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, 'int32'), 10)); // [n, 10]
  const probeIdx = Int32Array.from({ length: Math.min(n, TRAIN_ACCURACY_IMAGES) }, (_, i) => Math.floor((i * n) / Math.min(n, TRAIN_ACCURACY_IMAGES)));
  const probe = tf.gather(x, probeIdx) as tf.Tensor4D;
  const probeLabels = Array.from(probeIdx, (i) => data.labels[i]);
  const calibration = tf.slice(x, 0, Math.min(n, CALIBRATION_IMAGES)); // [m, side, side, 1]
  const evalX = o.evalImages ? toInput(o.evalImages, side) : undefined;
  const history = { loss: [] as number[], trainAccuracy: [] as number[] };
  const evalPredictions: Int32Array[] = [];
  try {
    await fitFast(model, x, y, {
      epochs: o.epochs, batchSize: o.batchSize, seed: o.seed,
      onEpoch: async (epoch, logs) => {
        history.loss.push(logs.loss);
        recalibrateBatchNorm(model, calibration);
        history.trainAccuracy.push(accuracy(await predictClasses(model, probe), probeLabels));
        if (evalX) evalPredictions.push(await predictClasses(model, evalX));
        progress(`${o.arch} epoch ${epoch + 1}/${o.epochs} loss ${logs.loss.toFixed(4)} train accuracy ${history.trainAccuracy[epoch].toFixed(4)} (${logs.imagesPerSec.toFixed(0)} images/s)`);
      },
    });
    return { model: await exportModel(model), history, ...(evalX ? { evalPredictions } : {}) };
  } finally {
    tf.dispose([x, y, probe, calibration, ...(evalX ? [evalX] : [])]);
    model.dispose();
  }
}

const solution: SjtuLenetMynet = { train };
export default solution;
