// Shared pieces of the hw7 reference solution: artifact loading, the input scaling, the student and
// the depthwise-separable redesign, and a training loop that can run code after every step (pruning
// masks). Models take x = pixel / 255 [N,28,28,1] and output logits [N,10].
import * as tf from '@tensorflow/tfjs';
import { makeRng, makeTrainStep, permutation } from '../../src/kit.ts';
import type { Images, StudentSpec } from '../../src/contracts/ml2020-hw7-compression.ts';

export { importModel as load } from '../../src/kit.ts';

/** [n,28,28,1] bytes -> pixel / 255 float tensor. */
export function toInput(set: Images): tf.Tensor4D {
  return tf.tidy(() => tf.tensor4d(set.images, set.shape, 'int32').toFloat().div(255) as tf.Tensor4D);
}

export const crossEntropy = (y: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, logits);

const glorot = (seed: number, k: number) => tf.initializers.glorotUniform({ seed: 7919 * seed + k });

/** conv f1 -> pool -> conv f2 -> pool -> dense -> dense 10, all 3x3 'same' relu. */
export function studentModel(spec: StudentSpec, seed: number): tf.LayersModel {
  const m = tf.sequential({ name: 'hw7_student' });
  m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: spec.filters[0], kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: glorot(seed, 1) }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.conv2d({ filters: spec.filters[1], kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: glorot(seed, 2) }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: spec.dense, activation: 'relu', kernelInitializer: glorot(seed, 3) }));
  m.add(tf.layers.dense({ units: 10, kernelInitializer: glorot(seed, 4) }));
  return m;
}

/**
 * The teacher's stem, then depthwise-separable blocks (3x3 depthwise + 1x1 pointwise) where a plain
 * design would stack full 3x3 convolutions, and a third pooling instead of the teacher's wide dense layer:
 * conv 16 -> pool -> sep 32 -> pool -> sep 64 -> pool [N,3,3,64] -> flatten [N,576] -> dense 10.
 */
export function separableModel(seed: number): tf.LayersModel {
  const m = tf.sequential({ name: 'hw7_separable' });
  m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: glorot(seed, 1) }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.separableConv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', depthwiseInitializer: glorot(seed, 2), pointwiseInitializer: glorot(seed, 3) }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.separableConv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', depthwiseInitializer: glorot(seed, 4), pointwiseInitializer: glorot(seed, 5) }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 10, kernelInitializer: glorot(seed, 6) }));
  return m;
}

/**
 * Minibatch training with the compiled model's own step; `afterStep` runs after every step (to hold
 * pruned weights at zero). x [N,...], y [N,...]; rows are copied on the host per batch.
 */
export async function train(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, o: { epochs: number; batchSize: number; seed: number; afterStep?: () => void }): Promise<number[]> {
  const step = makeTrainStep(model);
  const [xs, ys] = [x.dataSync(), y.dataSync()];
  const n = x.shape[0], xr = x.size / n, yr = y.size / n;
  const rng = makeRng(`hw7:${o.seed}`);
  const losses: number[] = [];
  for (let e = 0; e < o.epochs; e++) {
    const order = permutation(n, rng);
    let total = 0;
    for (let lo = 0; lo < n; lo += o.batchSize) {
      const size = Math.min(o.batchSize, n - lo);
      const xb = new Float32Array(size * xr), yb = new Float32Array(size * yr);
      for (let i = 0; i < size; i++) {
        const r = order[lo + i];
        xb.set(xs.subarray(r * xr, (r + 1) * xr), i * xr);
        yb.set(ys.subarray(r * yr, (r + 1) * yr), i * yr);
      }
      const [xt, yt] = [tf.tensor(xb, [size, ...x.shape.slice(1)]), tf.tensor(yb, [size, ...y.shape.slice(1)])];
      const outs = step(xt, yt);
      total += (await outs[0].data())[0] * size;
      tf.dispose([xt, yt, ...outs]);
      o.afterStep?.();
    }
    losses.push(total / n);
  }
  return losses;
}
