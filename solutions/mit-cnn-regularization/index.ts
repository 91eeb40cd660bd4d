// Reference solution for mit-cnn-regularization: the five CNN variants and the row LSTM of models.ts,
// trained with the kit's fast loop (seeded shuffle; Adam; softmax cross-entropy on logits; pixels /
// 255). Batch-norm statistics are re-estimated after every epoch before predicting (recalibrateBatchNorm:
// after a few hundred steps the moving averages still sit near their initial values).
import * as tf from '@tensorflow/tfjs';
import type { CnnOptions, LabelledImages, LstmOptions, MitCnnRegularization, TrainOptions, TrainResult, UnlabelledImages } from '../../src/contracts/mit-cnn-regularization.ts';
import { exportModel, fitFast, mitCnnRegularization, recalibrateBatchNorm, seedEverything } from '../../src/kit.ts';
import { buildCnn, buildRowLstm } from './models.ts';

const { cnnVariants } = mitCnnRegularization;

const CALIBRATION_IMAGES = 500;

/** bytes [n, 28, 28, 1] -> floats in [0, 1], [n, 28, 28, 1] for the CNNs or [n, 28, 28] for the LSTM. */
function toInput(set: UnlabelledImages, rows: boolean): tf.Tensor {
  const n = set.shape[0];
  return tf.tidy(() => tf.tensor(set.images, rows ? [n, 28, 28] : [n, 28, 28, 1], 'float32').div(255));
}

async function predictClasses(model: tf.LayersModel, x: tf.Tensor): Promise<Int32Array> {
  const classes = tf.tidy(() => (model.predict(x, { batchSize: 500 }) as tf.Tensor).argMax(-1));
  const out = Int32Array.from(await classes.data());
  classes.dispose();
  return out;
}

function progress(line: string): void {
  if (process.env.GRADEBENCH_PROGRESS) console.log(`[progress] mit-cnn-regularization: ${line}`);
}

async function train(model: tf.LayersModel, data: LabelledImages, o: TrainOptions, rows: boolean, name: string): Promise<TrainResult> {
  const x = toInput(data, rows);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, 'int32'), 10).toFloat()); // [n, 10]
  const calibration = tf.slice(x, 0, Math.min(data.shape[0], CALIBRATION_IMAGES));
  const evalX = toInput(o.evalImages, rows);
  const loss: number[] = [];
  const evalPredictions: Int32Array[] = [];
  try {
    await fitFast(model, x, y, {
      epochs: o.epochs, batchSize: o.batchSize, seed: o.seed,
      onEpoch: async (epoch, logs) => {
        loss.push(logs.loss);
        recalibrateBatchNorm(model, calibration); // no-op without batch norm
        evalPredictions.push(await predictClasses(model, evalX));
        progress(`${name} epoch ${epoch + 1}/${o.epochs} loss ${logs.loss.toFixed(4)} (${logs.imagesPerSec.toFixed(0)} images/s)`);
      },
    });
    return { model: await exportModel(model), history: { loss }, evalPredictions };
  } finally {
    tf.dispose([x, y, calibration, evalX]);
    model.dispose();
  }
}

const solution: MitCnnRegularization = {
  async trainCnn(data, o: CnnOptions) {
    seedEverything(1000 * o.seed + cnnVariants.indexOf(o.variant)); // initialisers and dropout draw from Math.random
    return train(buildCnn(o), data, o, false, o.variant);
  },
  async trainRowLstm(data, o: LstmOptions) {
    seedEverything(1000 * o.seed + 99);
    return train(buildRowLstm(o.units), data, o, true, `lstm ${o.units}`);
  },
};
export default solution;
