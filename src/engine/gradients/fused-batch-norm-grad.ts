// FusedBatchNorm's gradient without Tile. tfjs's stock gradient materialises 1/sqrt(var + eps)
// with tile() to x's full shape for dx (Tile on wasm: about 90 ms for [1,1,1,32] -> [64,32,32,32])
// and recomputes (x - mean) and dy * scale for each of its five outputs. This one broadcasts
// instead and shares the two channel sums all five need. Shapes, for x [N,H,W,C] and mean,
// variance, scale [C] (or any shape broadcasting against x):
//   g   = scale / sqrt(variance + eps)                        [C]
//   S1  = sum(dy)            over the broadcast axes          [C]
//   S2  = sum(dy * (x - mean)) over the same axes             [C]
//   dx = dy * g    dmean = -g * S1    dvariance = -0.5 * g / (variance + eps) * S2
//   dscale = S2 / sqrt(variance + eps)    doffset = S1
// Registered with registerGradient, it serves every backend; tests/engine/fast-batch-norm.test.ts
// checks it against float64 central differences and against the stock gradient.
import * as tf from '@tensorflow/tfjs';
import type { GradConfig, NamedAttrMap, Tensor } from '@tensorflow/tfjs';

/** tfjs's own gradient, kept before ours replaces it (the tests compare against it). */
export const stockFusedBatchNormGrad: GradConfig = tf.getGradient('FusedBatchNorm')!;

export const fusedBatchNormGradConfig: GradConfig = {
  kernelName: 'FusedBatchNorm',
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs?: NamedAttrMap) => {
    const d = dy as Tensor; // [N,H,W,C]
    const [x, mean, variance, scale] = saved;
    const eps = (attrs?.varianceEpsilon as number | undefined) ?? 0.001;
    const axes = tf.backend_util.getReductionAxes(mean.shape, x.shape);
    const toStat = (t: Tensor) => tf.reshape(axes.length ? tf.sum(t, axes) : t, mean.shape);
    const invStd = tf.rsqrt(tf.add(variance, eps)); // [C]
    const g = scale == null ? invStd : tf.mul(scale, invStd); // [C]
    // eager and shared: the mean's and variance's gradients are always wanted in training, where
    // they come from tf.moments of x
    const s1 = toStat(d);
    const s2 = toStat(tf.mul(d, tf.sub(x, mean)));
    return {
      x: () => tf.reshape(tf.mul(d, g), x.shape),
      mean: () => tf.neg(tf.mul(g, s1)),
      variance: () => tf.mul(tf.mul(g, tf.square(invStd)), tf.mul(s2, -0.5)),
      scale: () => tf.reshape(tf.mul(s2, invStd), scale?.shape ?? mean.shape),
      offset: () => s1.clone(),
    };
  },
};
