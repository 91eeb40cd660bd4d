// A small MLP for digits in tfjs: 784 -> 128 ReLU -> 10 logits, Adam 1e-3, batches of 32, softmax
// cross-entropy. Pixels are scaled to [0, 1] and flattened, as the contract fixes.
import * as tf from '@tensorflow/tfjs';
import type { LabelledImages, MlpOptions, MlpWeights } from '../../src/contracts/iust-p1-probabilistic.ts';
import { fitFast, seedEverything } from '../../src/kit.ts';

const HIDDEN = 128; // one hidden layer is enough for digits; 128 units fit a few thousand images in seconds

export async function trainMlp(train: LabelledImages, options: MlpOptions): Promise<MlpWeights> {
  seedEverything(options.seed); // the glorot initialisers draw from Math.random
  const n = train.shape[0];
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: HIDDEN, activation: 'relu' }),
      tf.layers.dense({ units: 10 }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: (y, logits) => tf.losses.softmaxCrossEntropy(y, logits) });
  const x = tf.tidy(() => tf.tensor2d(train.images, [n, 784], 'float32').div(255)); // [n, 784]
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(train.labels, 'int32'), 10).toFloat()); // [n, 10]
  const history = await fitFast(model, x, y, { epochs: options.epochs, batchSize: 32, seed: options.seed });
  const layers = [];
  for (const layer of model.layers) {
    const [kernel, bias] = layer.getWeights();
    layers.push({ weights: { data: Float32Array.from(await kernel.data()), shape: kernel.shape }, bias: Float32Array.from(await bias.data()) });
  }
  tf.dispose([x, y]);
  model.dispose();
  return { layers, loss: history.map((h) => h.loss) };
}
