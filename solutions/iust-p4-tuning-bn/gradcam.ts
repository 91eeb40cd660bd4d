// Grad-CAM (Selvaraju et al.): weight each channel of the last conv layer's activations A [n, h, w, K]
// by the spatial mean of d score_c / dA, sum over channels, ReLU, upsample to the input and scale
// each map to [0, 1]. The model is split at that layer and the head is differentiated on its own.
import * as tf from '@tensorflow/tfjs';
import { importModel, type Array2, type ModelArtifact } from '../../src/kit.ts';

export async function gradCam(artifact: ModelArtifact, images: Array2<Uint8Array>, classes: Int32Array): Promise<Array2<Float32Array>> {
  const model = await importModel(artifact);
  const [n, h, w] = images.shape;
  const last = model.layers.map((l) => l.getClassName()).lastIndexOf('Conv2D');
  if (last < 0) throw new Error('Grad-CAM needs a conv layer');
  const applyRange = (x: tf.Tensor, from: number, to: number) =>
    model.layers.slice(from, to).reduce((a, layer) => layer.apply(a) as tf.Tensor, x);
  const maps = tf.tidy(() => {
    const x = tf.tensor4d(images.data, images.shape as [number, number, number, number], 'float32').div(255);
    const a = applyRange(x, 0, last + 1) as tf.Tensor4D; // [n, h', w', K]
    const target = tf.oneHot(tf.tensor1d(classes, 'int32'), 10);
    const score = (act: tf.Tensor) => tf.sum(tf.mul(applyRange(act, last + 1, model.layers.length), target)) as tf.Scalar;
    const weights = tf.mean(tf.grad(score)(a), [1, 2], true); // [n, 1, 1, K]
    const cam = tf.relu(tf.sum(tf.mul(weights, a), -1, true)) as tf.Tensor4D; // [n, h', w', 1]
    const up = tf.image.resizeBilinear(cam, [h, w]); // [n, h, w, 1]
    const peak = tf.maximum(tf.max(up, [1, 2, 3], true), 1e-12);
    return tf.div(up, peak).reshape([n, h, w]);
  });
  const data = (await maps.data()) as Float32Array;
  maps.dispose();
  model.dispose();
  return { data, shape: [n, h, w] };
}
