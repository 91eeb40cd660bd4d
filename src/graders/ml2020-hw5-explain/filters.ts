// How strongly images drive a filter: the mean over positions of one channel of a layer's output,
// measured by the grader on its own copy of the network, for the solution's visualisations and
// for the baselines a visualisation must beat (real test images and uniform-noise images).
import * as tf from '@tensorflow/tfjs';

/** Mean activation of channel filters[k] for image k of x [k,32,32,3]: [k]. */
export function filterMeans(model: tf.LayersModel, layer: string, x: tf.Tensor4D, filters: number[]): number[] {
  const features = tf.model({ inputs: model.inputs, outputs: model.getLayer(layer).output as tf.SymbolicTensor });
  return tf.tidy(() => {
    const perChannel = tf.mean(features.predict(x) as tf.Tensor4D, [1, 2]).arraySync() as number[][]; // [k, channels]
    return filters.map((f, k) => perChannel[k][f]);
  });
}

/** Mean activation of each filter over all images of x [m,32,32,3]: [filters.length]. */
export function baselineMeans(model: tf.LayersModel, layer: string, x: tf.Tensor4D, filters: number[]): number[] {
  const features = tf.model({ inputs: model.inputs, outputs: model.getLayer(layer).output as tf.SymbolicTensor });
  return tf.tidy(() => {
    const perChannel = tf.mean(features.predict(x) as tf.Tensor4D, [0, 1, 2]).arraySync() as number[]; // [channels]
    return filters.map((f) => perChannel[f]);
  });
}

/** Channels of a layer's output. */
export function channelsOf(model: tf.LayersModel, layer: string): number {
  const shape = model.getLayer(layer).outputShape as number[];
  return shape[shape.length - 1];
}
