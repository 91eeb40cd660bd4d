// Reference solution for leiden-mlp-vs-cnn: builds the MLP or the CNN (./models.ts), trains it with
// Adam on pixels / 255 (the kit's fitFast: seeded shuffling, one read-back per epoch), predicts
// the unlabelled validation images after every epoch, and returns the model as an artifact.
import * as tf from '@tensorflow/tfjs';
import type { Images, LabelledImages, LeidenMlpVsCnn, TrainOptions, TrainResult } from '../../src/contracts/leiden-mlp-vs-cnn.ts';
import { exportModel, fitFast, leidenMlpVsCnn } from '../../src/kit.ts';
import { buildModel } from './models.ts';

const { inputShapes } = leidenMlpVsCnn;

/**
 * bytes [n, H, W, C] -> float32 pixels / 255, same shape. Scaled on the host so the backend holds
 * one float copy (45,000 CIFAR images are 553 MB as float32; an int32 copy beside it would double that).
 */
function pixels(set: Images): tf.Tensor4D {
  const x = new Float32Array(set.images.length);
  for (let i = 0; i < x.length; i++) x[i] = set.images[i] / 255;
  return tf.tensor4d(x, set.shape);
}

/** Argmax class of every image [n], predicted in batches. */
async function predictClasses(model: tf.LayersModel, set: Images, batch = 500): Promise<Int32Array> {
  const n = set.shape[0];
  const row = set.images.length / n;
  const out = new Int32Array(n);
  for (let lo = 0; lo < n; lo += batch) {
    const size = Math.min(batch, n - lo);
    const part: Images = { images: set.images.subarray(lo * row, (lo + size) * row), shape: [size, ...set.shape.slice(1)] as Images['shape'] };
    const y = tf.tidy(() => (model.predict(pixels(part)) as tf.Tensor).argMax(-1));
    out.set(await y.data() as Int32Array, lo);
    y.dispose();
  }
  return out;
}

async function train(data: LabelledImages, options: TrainOptions): Promise<TrainResult> {
  const { dataset, arch, epochs, batchSize, seed, evalImages } = options;
  tf.util.assert(data.shape.slice(1).join() === inputShapes[dataset].join(), () => `expected ${dataset} images, got [${data.shape}]`);
  const model = buildModel(arch, inputShapes[dataset]);
  const x = pixels(data); // [n, H, W, C]
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, 'int32'), 10).toFloat()); // [n, 10]
  const loss: number[] = [];
  const evalPredictions: Int32Array[] = [];
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const [logs] = await fitFast(model, x, y, { epochs: 1, batchSize, seed: 1000 * seed + epoch });
      loss.push(logs.loss);
      evalPredictions.push(await predictClasses(model, evalImages));
    }
    return { model: await exportModel(model), history: { loss }, evalPredictions };
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}

const solution: LeidenMlpVsCnn = { train };
export default solution;
