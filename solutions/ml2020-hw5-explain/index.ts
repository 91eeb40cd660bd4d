// Reference solution for ml2020-hw5-explain: vanilla-gradient saliency with tf.grad, and filter
// visualisation by gradient ascent (Adam on the input, clipped to [0, 1] after every step).
import * as tf from '@tensorflow/tfjs';
import type { ExplainImages, FilterOptions, Ml2020Hw5Explain } from '../../src/contracts/ml2020-hw5-explain.ts';
import { importModel as load, type ModelArtifact } from '../../src/kit.ts';

async function saliency(artifact: ModelArtifact, batch: ExplainImages, classes: Int32Array) {
  const model = await load(artifact);
  const [n, h, w] = batch.shape;
  const maps = tf.tidy(() => {
    const x = tf.div(tf.tensor4d(batch.images, batch.shape, 'int32').toFloat(), 255); // [n,32,32,3]
    const pick = tf.oneHot(tf.tensor1d(classes, 'int32'), 10); // [n,10]
    // Each image's score depends only on its own input (inference mode), so the gradient of the
    // sum of the chosen scores holds every image's own gradient.
    const score = (input: tf.Tensor) => tf.sum(tf.mul(model.apply(input, { training: false }) as tf.Tensor, pick));
    const g = tf.grad(score)(x); // [n,32,32,3]
    return tf.max(tf.abs(g), -1); // [n,32,32]
  });
  const data = (await maps.data()) as Float32Array;
  tf.dispose(maps);
  model.dispose();
  return { maps: { data, shape: [n, h, w] } };
}

async function visualizeFilters(artifact: ModelArtifact, o: FilterOptions) {
  const model = await load(artifact);
  const k = o.filters.length;
  const features = tf.model({ inputs: model.inputs, outputs: model.getLayer(o.layer).output as tf.SymbolicTensor });
  const channels = (features.outputs[0].shape as number[])[3];
  const select = tf.oneHot(tf.tensor1d(o.filters, 'int32'), channels); // [k, channels]: image k's filter
  const x = tf.variable(tf.clipByValue(tf.add(0.5, tf.randomNormal([k, 32, 32, 3], 0, 0.05, 'float32', o.seed || 1)), 0, 1));
  const optimizer = tf.train.adam(0.05);
  for (let t = 0; t < o.steps; t++) {
    optimizer.minimize(() => {
      const act = features.apply(x, { training: false }) as tf.Tensor4D; // [k, h, w, channels]
      const perChannel = tf.mean(act, [1, 2]); // [k, channels]
      return tf.neg(tf.sum(tf.mul(perChannel, select))) as tf.Scalar; // minus the sum of each image's own filter mean
    }, false, [x]);
    x.assign(tf.tidy(() => tf.clipByValue(x, 0, 1)));
  }
  const data = (await x.data()) as Float32Array;
  tf.dispose([x, select]);
  optimizer.dispose();
  model.dispose();
  return { images: { data, shape: [k, 32, 32, 3] } };
}

const solution: Ml2020Hw5Explain = { saliency, visualizeFilters };
export default solution;
