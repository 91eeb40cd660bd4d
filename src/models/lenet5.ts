// LeNet-5 as the course measures it (seed 002, CATALOG "Reference architectures"):
//   [N,28,28,1] conv 6 5x5 'same' relu -> [N,28,28,6] maxpool 2 -> [N,14,14,6]
//   conv 16 5x5 'valid' relu -> [N,10,10,16] maxpool 2 -> [N,5,5,16] flatten -> [N,400]
//   dense 120 relu -> dense 84 relu -> dense 10 (logits; softmax is the loss's job).
// The same network is bench/peers/torch_train.py's LeNet, so throughput ratios compare like with like.
import * as tf from '@tensorflow/tfjs';

export interface ModelOptions {
  /** Input [h, w, c]; LeNet-5 defaults to [28, 28, 1] (the seed also used 32x32 padded). */
  inputShape?: [number, number, number];
  /** Returns logits when true (default) or softmax probabilities. */
  logits?: boolean;
  /** Compile with Adam(learningRate) and softmax cross-entropy; default true, lr 1e-3. */
  compile?: boolean;
  learningRate?: number;
}

/** A tf.layers LeNet-5, compiled (unless opts.compile is false) with Adam and cross-entropy on logits. */
export function lenet5(opts: ModelOptions = {}): tf.LayersModel {
  const inputShape = opts.inputShape ?? [28, 28, 1];
  const model = tf.sequential({ name: 'lenet5' });
  model.add(tf.layers.conv2d({ inputShape, filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'valid', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 120, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 84, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: opts.logits === false ? 'softmax' : 'linear' }));
  if (opts.compile !== false) compileClassifier(model, opts);
  return model;
}

/**
 * Adam(lr) with cross-entropy on one-hot labels [N,10]: from logits (softmaxCrossEntropy, the
 * numerically stable form PyTorch's CrossEntropyLoss also uses) unless the model ends in softmax.
 */
export function compileClassifier(model: tf.LayersModel, opts: ModelOptions = {}): void {
  const fromLogits = opts.logits !== false;
  model.compile({
    optimizer: tf.train.adam(opts.learningRate ?? 1e-3),
    loss: fromLogits
      ? (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred)
      : 'categoricalCrossentropy',
    metrics: [],
  });
}
