// An MLP in tfjs layers: dense ReLU hidden layers (each followed by inverted dropout when asked, with
// an L2 kernel penalty when asked) and 10 logits, trained with softmax cross-entropy by the project's
// fast loop (seeded shuffle). Augmentation re-draws shifted / flipped copies every epoch.
import * as tf from '@tensorflow/tfjs';
import type { LabelledImages, MlpResult, MlpTrainOptions } from '../../src/contracts/iust-p2-regularization.ts';
import { fitFast, makeRng, seedEverything } from '../../src/kit.ts';
import { augment } from './augment.ts';

function optimizer(o: MlpTrainOptions): tf.Optimizer {
  if (o.optimizer === 'sgd') return tf.train.sgd(o.learningRate);
  if (o.optimizer === 'momentum') return tf.train.momentum(o.learningRate, 0.9);
  return tf.train.adam(o.learningRate, 0.9, 0.999);
}

function build(o: MlpTrainOptions): tf.Sequential {
  const model = tf.sequential();
  const kernelRegularizer = o.l2 ? tf.regularizers.l2({ l2: o.l2 }) : undefined;
  o.hidden.forEach((units, k) => {
    model.add(tf.layers.dense({ ...(k === 0 ? { inputShape: [784] } : {}), units, activation: 'relu', kernelRegularizer }));
    if (o.dropout) model.add(tf.layers.dropout({ rate: o.dropout }));
  });
  model.add(tf.layers.dense({ units: 10, kernelRegularizer }));
  model.compile({ optimizer: optimizer(o), loss: (y, logits) => tf.losses.softmaxCrossEntropy(y, logits) });
  return model;
}

export async function trainMlp(train: LabelledImages, o: MlpTrainOptions): Promise<MlpResult> {
  seedEverything(o.seed); // initialisers and dropout masks draw from Math.random
  const n = train.shape[0];
  const model = build(o);
  const rng = makeRng(`augment:${o.seed}`);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(train.labels, 'int32'), 10).toFloat()); // [n, 10]
  const toX = (bytes: Uint8Array) => tf.tidy(() => tf.tensor2d(bytes, [n, 784], 'float32').div(255)); // [n, 784]
  const fixed = o.augment ? undefined : toX(train.images);
  const loss: number[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const x = fixed ?? toX(augment(train.images, n, rng));
    const [logs] = await fitFast(model, x, y, { epochs: 1, batchSize: o.batchSize, seed: o.seed * 1000 + epoch });
    loss.push(logs.loss);
    if (!fixed) x.dispose();
  }
  const layers = [];
  for (const layer of model.layers.filter((l) => l.getWeights().length === 2)) {
    const [kernel, bias] = layer.getWeights();
    layers.push({ weights: { data: Float32Array.from(await kernel.data()), shape: kernel.shape }, bias: Float32Array.from(await bias.data()) });
  }
  tf.dispose([y, ...(fixed ? [fixed] : [])]);
  model.dispose();
  return { layers, loss };
}
