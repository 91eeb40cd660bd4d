// Reference solution for ml2020-hw6-fgsm: one gradient-sign step on the cross-entropy of the true
// label, then clipping to the valid pixel range (the step itself already lies in the epsilon ball).
import * as tf from '@tensorflow/tfjs';
import type { FgsmRequest, Ml2020Hw6Fgsm } from '../../src/contracts/ml2020-hw6-fgsm.ts';
import { importModel } from '../../src/kit.ts';

const BATCH = 256; // bounds the activations kept for the backward pass

/** sign(d CE / d x) for one batch x [b, H, W, C] with labels [b]: the ascent direction of the loss. */
function lossGradientSign(model: tf.LayersModel, x: tf.Tensor4D, labels: Int32Array, classes: number): tf.Tensor4D {
  return tf.tidy(() => {
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), classes); // [b, classes]
    const loss = (xi: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, model.predict(xi) as tf.Tensor2D);
    return tf.sign(tf.grad(loss)(x)) as tf.Tensor4D;
  });
}

async function fgsm({ model: artifact, images, labels, epsilon }: FgsmRequest) {
  const model = await importModel(artifact);
  try {
    const [n, h, w, c] = images.shape;
    const per = h * w * c;
    const classes = (model.outputs[0].shape as number[])[1];
    const out = new Float32Array(n * per);
    for (let lo = 0; lo < n; lo += BATCH) {
      const b = Math.min(BATCH, n - lo);
      const adv = tf.tidy(() => {
        const x = tf.tensor4d(images.data.subarray(lo * per, (lo + b) * per), [b, h, w, c]);
        const step = lossGradientSign(model, x, labels.subarray(lo, lo + b), classes);
        return tf.clipByValue(tf.add(x, tf.mul(step, epsilon)), 0, 1); // x' = clip(x + eps sign(g), 0, 1)
      });
      out.set(await adv.data() as Float32Array, lo * per);
      adv.dispose();
    }
    return { data: out, shape: [n, h, w, c] };
  } finally {
    model.dispose();
  }
}

const solution: Ml2020Hw6Fgsm = { fgsm };
export default solution;
