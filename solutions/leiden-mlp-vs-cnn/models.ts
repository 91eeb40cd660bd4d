// The two networks of the seed's comparison, as Keras would build them (tf.layers), compiled with
// Adam and softmax cross-entropy on logits.
//   mlp: flatten [N, H*W*C] -> dense 512 -> dense 256 -> dense 128 (ReLU, dropout 0.2 after each)
//        -> dense 10 (logits)
//   cnn: the TensorFlow CIFAR-10 tutorial's network, 3 conv + 2 dense:
//        conv 32 3x3 -> pool 2 -> conv 64 3x3 -> pool 2 -> conv 64 3x3 -> flatten
//        -> dense 64 (dropout 0.3 before it) -> dense 10 (logits)
//        on [32,32,3]: 30x30x32 -> 15x15x32 -> 13x13x64 -> 6x6x64 -> 4x4x64 = 1024 -> 64 -> 10
import * as tf from '@tensorflow/tfjs';
import type { Arch } from '../../src/contracts/leiden-mlp-vs-cnn.ts';

export interface Widths {
  mlp: [number, number, number]; // hidden units
  cnn: [number, number, number, number]; // conv filters x3, hidden dense units
}

export const defaultWidths: Widths = { mlp: [512, 256, 128], cnn: [32, 64, 64, 64] };

function mlp(inputShape: [number, number, number], units: Widths['mlp']): tf.Sequential {
  const model = tf.sequential({ name: 'mlp' });
  model.add(tf.layers.flatten({ inputShape }));
  for (const u of units) {
    model.add(tf.layers.dense({ units: u, activation: 'relu' }));
    model.add(tf.layers.dropout({ rate: 0.2 }));
  }
  model.add(tf.layers.dense({ units: 10 }));
  return model;
}

function cnn(inputShape: [number, number, number], [f1, f2, f3, hidden]: Widths['cnn']): tf.Sequential {
  const model = tf.sequential({ name: 'cnn' });
  model.add(tf.layers.conv2d({ inputShape, filters: f1, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: f2, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: f3, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dropout({ rate: 0.3 }));
  model.add(tf.layers.dense({ units: hidden, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10 }));
  return model;
}

export function buildModel(arch: Arch, inputShape: [number, number, number], widths: Widths = defaultWidths, learningRate = 1e-3): tf.Sequential {
  const model = arch === 'mlp' ? mlp(inputShape, widths.mlp) : cnn(inputShape, widths.cnn);
  model.compile({
    optimizer: tf.train.adam(learningRate),
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
  });
  return model;
}
