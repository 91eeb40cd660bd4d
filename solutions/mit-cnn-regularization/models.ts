// The networks of mit-cnn-regularization: one small CNN in five variants, and a row-reading LSTM.
//   plain:  [N,28,28,1] conv 8 3x3 same ReLU -> pool 2 -> [N,14,14,8] conv 16 3x3 same ReLU -> pool 2
//           -> [N,7,7,16] flatten [N,784] -> dense 64 ReLU -> dense 10 (logits)
//   stride: the same convs with stride 2 and no pooling: 28 -> 14 -> 7, the same 784 features, so
//           every variant has identical kernel shapes and only the downsampling differs.
import * as tf from '@tensorflow/tfjs';
import type { CnnOptions } from '../../src/contracts/mit-cnn-regularization.ts';

export const WIDTHS = { conv1: 8, conv2: 16, dense: 64 };

function compile(model: tf.LayersModel, learningRate: number): tf.LayersModel {
  model.compile({
    optimizer: tf.train.adam(learningRate),
    // cross-entropy on logits (stable); tfjs adds the kernels' L2 penalties to this loss itself
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
  });
  return model;
}

export function buildCnn(o: Pick<CnnOptions, 'variant' | 'dropout' | 'l2'>): tf.LayersModel {
  const { variant } = o;
  const regularizer = variant === 'l2' ? () => tf.regularizers.l2({ l2: o.l2 }) : () => undefined;
  const model = tf.sequential({ name: `cnn_${variant}` });
  const block = (filters: number, first: boolean) => {
    model.add(tf.layers.conv2d({
      ...(first ? { inputShape: [28, 28, 1] } : {}), filters, kernelSize: 3, padding: 'same',
      strides: variant === 'stride' ? 2 : 1,
      useBias: variant !== 'batchnorm', // batch norm's beta replaces the bias
      kernelRegularizer: regularizer(),
    }));
    if (variant === 'batchnorm') model.add(tf.layers.batchNormalization());
    model.add(tf.layers.activation({ activation: 'relu' }));
    if (variant !== 'stride') model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  };
  block(WIDTHS.conv1, true);
  block(WIDTHS.conv2, false);
  model.add(tf.layers.flatten()); // [N, 784]
  const dense = (units: number, activation: 'relu' | 'linear') => {
    if (variant === 'dropout') model.add(tf.layers.dropout({ rate: o.dropout }));
    model.add(tf.layers.dense({ units, activation, kernelRegularizer: regularizer() }));
  };
  dense(WIDTHS.dense, 'relu');
  dense(10, 'linear');
  return compile(model, 1e-3);
}

/** [N, 28, 28] rows as 28 time steps of 28 pixels -> LSTM(units) last state -> dense 10 (logits). */
export function buildRowLstm(units: number): tf.LayersModel {
  const model = tf.sequential({ name: 'row_lstm' });
  model.add(tf.layers.lstm({ inputShape: [28, 28], units }));
  model.add(tf.layers.dense({ units: 10 }));
  return compile(model, 3e-3); // the recurrent net learns faster with a larger step (batch 64)
}
