// The seed's two networks (seed 002), built with tf.layers: this is the assignment's answer, so the
// solution builds them itself (the grader keeps its own copies in src/models/ for other uses).
// LeNet-5, input [N,28,28,1]:
//   conv 6 5x5 'same' relu -> [N,28,28,6] maxpool 2 -> [N,14,14,6]
//   conv 16 5x5 'valid' relu -> [N,10,10,16] maxpool 2 -> [N,5,5,16] flatten -> [N,400]
//   dense 120 relu -> dense 84 relu -> dense 10 (logits; softmax is the loss's job).
// MyNet, input [N,32,32,1] (Fashion-MNIST padded by 2):
//   conv 32 3x3 pad 1 -> batch norm -> relu -> maxpool 2   [N,32,32,32] -> [N,16,16,32]
//   conv 64 3x3 pad 1 -> batch norm -> relu -> maxpool 2   [N,16,16,64] -> [N,8,8,64]
//   conv 64 3x3 pad 1 -> batch norm -> relu                [N,8,8,64]
//   flatten [N,4096] -> dense 128 relu -> dense 10 (logits)
// Convolutions keep their bias, as PyTorch's nn.Conv2d does; batch norm uses PyTorch's defaults,
// momentum 0.1 (Keras 0.9) and epsilon 1e-5. Both are compiled with Adam(1e-3) and softmax
// cross-entropy on the logits (the numerically stable form PyTorch's CrossEntropyLoss also uses).
import * as tf from '@tensorflow/tfjs';

/** Adam(learningRate) with softmax cross-entropy of one-hot labels [N,10] against logits [N,10]. */
export function compileClassifier(model: tf.LayersModel, learningRate = 1e-3): void {
  model.compile({
    optimizer: tf.train.adam(learningRate),
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
    metrics: [],
  });
}

/** LeNet-5 on [N,28,28,1] -> logits [N,10], compiled. */
export function lenet5(): tf.LayersModel {
  const model = tf.sequential({ name: 'lenet5' });
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'valid', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 120, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 84, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'linear' }));
  compileClassifier(model);
  return model;
}

/** MyNet on [N,32,32,1] -> logits [N,10], compiled. */
export function mynet(): tf.LayersModel {
  const model = tf.sequential({ name: 'mynet' });
  const block = (filters: number, pool: boolean, first: boolean) => {
    model.add(tf.layers.conv2d({ ...(first ? { inputShape: [32, 32, 1] } : {}), filters, kernelSize: 3, padding: 'same' }));
    model.add(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }));
    model.add(tf.layers.reLU());
    if (pool) model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  };
  block(32, true, true);
  block(64, true, false);
  block(64, false, false);
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'linear' }));
  compileClassifier(model);
  return model;
}
