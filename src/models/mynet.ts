// MyNet (seed 002, CATALOG "Reference architectures"), input [N,32,32,1] (Fashion-MNIST padded by 2):
//   conv 32 3x3 pad 1 -> batch norm -> relu -> maxpool 2   [N,32,32,32] -> [N,16,16,32]
//   conv 64 3x3 pad 1 -> batch norm -> relu -> maxpool 2   [N,16,16,64] -> [N,8,8,64]
//   conv 64 3x3 pad 1 -> batch norm -> relu                [N,8,8,64]
//   flatten [N,4096] -> dense 128 relu -> dense 10 (logits)
// Convolutions keep their bias, as PyTorch's nn.Conv2d does by default (the peer script matches).
// Batch norm uses PyTorch's defaults too: momentum 0.1 (Keras 0.9) and epsilon 1e-5.
import * as tf from '@tensorflow/tfjs';
import { compileClassifier, type ModelOptions } from './lenet5.ts';

export function mynet(opts: ModelOptions = {}): tf.LayersModel {
  const inputShape = opts.inputShape ?? [32, 32, 1];
  const model = tf.sequential({ name: 'mynet' });
  const block = (filters: number, pool: boolean, first: boolean) => {
    model.add(tf.layers.conv2d({ ...(first ? { inputShape } : {}), filters, kernelSize: 3, padding: 'same' }));
    model.add(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }));
    model.add(tf.layers.reLU());
    if (pool) model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  };
  block(32, true, true);
  block(64, true, false);
  block(64, false, false);
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: opts.logits === false ? 'softmax' : 'linear' }));
  if (opts.compile !== false) compileClassifier(model, opts);
  return model;
}

/** Pads [N,28,28,1] images by 2 on each side to MyNet's [N,32,32,1]. */
export function padTo32(x: tf.Tensor4D): tf.Tensor4D {
  return tf.pad(x, [[0, 0], [2, 2], [2, 2], [0, 0]]);
}
