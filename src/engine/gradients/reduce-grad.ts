// Sum's and Mean's gradients without tf.ones. tfjs's stock gradients broadcast dy back to x's shape
// by multiplying with ones(x.shape), and tf.ones builds that tensor as a JavaScript array and uploads
// it: about 5 ms for [64,32,32,32] on wasm, where a Fill kernel takes 0.4 ms. Batch norm in training
// takes two Means per layer (tf.moments), so MyNet paid this six times a step.
// Here dy [reduced shape] is divided by the reduce size on its own small shape (the stock gradient's
// exact values) and broadcast with one Fill and one Multiply:
//   dx = fill(x.shape, 1) * reshape(dy, kept shape without leading 1s) [/ M for Mean]
// Leading 1s are dropped because broadcasting aligns trailing axes ([1,1,1,C] acts as [C]).
// Registered with registerGradient, they serve every backend; tests/engine/fast-reduce-grad.test.ts
// checks them against float64 central differences and against the stock gradients.
import * as tf from '@tensorflow/tfjs';
import type { GradConfig, NamedAttrMap, Tensor } from '@tensorflow/tfjs';

export const stockSumGrad: GradConfig = tf.getGradient('Sum')!;
export const stockMeanGrad: GradConfig = tf.getGradient('Mean')!;

/** dy [x's shape with the reduced axes removed] broadcast to x's shape, each value over `divisor`. */
function broadcastBack(dy: Tensor, x: Tensor, attrs: NamedAttrMap | undefined, mean: boolean): Tensor {
  const axes = tf.util.parseAxisParam(attrs?.axis as number | number[], x.shape);
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  let lead = 0;
  while (lead < kept.length - 1 && kept[lead] === 1) lead++;
  let small = tf.reshape(dy, kept.slice(lead));
  if (mean) small = tf.div(small, axes.reduce((m, a) => m * x.shape[a], 1));
  return tf.mul(tf.fill(x.shape, 1, 'float32'), small);
}

export const sumGradConfig: GradConfig = {
  kernelName: 'Sum',
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => ({ x: () => broadcastBack(dy as Tensor, saved[0], attrs, false) }),
};

export const meanGradConfig: GradConfig = {
  kernelName: 'Mean',
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => ({ x: () => broadcastBack(dy as Tensor, saved[0], attrs, true) }),
};
