// A small fully-connected GAN on Fashion-MNIST with the non-saturating loss (Goodfellow et al.
// 2014): D maximises log D(x) + log(1 - D(G(z))), G maximises log D(G(z)). Pixels are scaled to
// [-1, 1] (G ends in tanh). Adam(1e-3, beta1 0.5) for both, one D step per G step.
//   G: z [N, 32] -> dense 128 leaky-relu -> dense 784 tanh -> [N, 28, 28, 1]
//   D: [N, 784] -> dense 128 leaky-relu -> dense 1 (logit)
import * as tf from '@tensorflow/tfjs';
import type { FashionImages, GanOptions } from '../../src/contracts/iust-p6-metrics-ssl.ts';
import { makeRng, permutation, seedEverything } from '../../src/kit.ts';

const Z = 32, HIDDEN = 128, LR = 1e-3;

function mlp(input: number, output: number, activation: 'tanh' | 'linear'): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [input], units: HIDDEN }));
  m.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  m.add(tf.layers.dense({ units: output, activation }));
  return m;
}

const vars = (m: tf.LayersModel) => m.trainableWeights.map((w) => w.read() as tf.Variable);
const bce = (logits: tf.Tensor, label: number) => tf.losses.sigmoidCrossEntropy(tf.fill(logits.shape, label), logits);

export async function trainGan(set: FashionImages, o: GanOptions) {
  seedEverything(o.seed);
  const rng = makeRng(`gan:${o.seed}`);
  const n = set.shape[0];
  const real = tf.tidy(() => tf.tensor2d(set.images, [n, 784], 'float32').div(127.5).sub(1)); // [n, 784] in [-1, 1]
  const G = mlp(Z, 784, 'tanh'), D = mlp(784, 1, 'linear');
  const gOpt = tf.train.adam(LR, 0.5), dOpt = tf.train.adam(LR, 0.5);
  const noise = (m: number) => tf.randomNormal([m, Z], 0, 1, 'float32', Math.floor(rng() * 2 ** 31));
  const dLoss: number[] = [], gLoss: number[] = [];
  const samples: Array<{ step: number; images: Uint8Array }> = [];
  const fixedZ = noise(o.samplesPerCheckpoint); // the same z at every checkpoint, so the grids compare
  const snapshot = async (step: number) => {
    const img = tf.tidy(() => (G.predict(fixedZ) as tf.Tensor).add(1).mul(127.5).clipByValue(0, 255).round());
    samples.push({ step, images: Uint8Array.from(await img.data()) });
    img.dispose();
  };
  let order = permutation(n, rng), at = 0;
  const losses: tf.Scalar[] = [];
  for (let step = 0; step <= o.steps; step++) {
    if (o.checkpoints.includes(step)) await snapshot(step);
    if (step === o.steps) break;
    if (at + o.batchSize > n) { order = permutation(n, rng); at = 0; }
    const idx = tf.tensor1d(order.subarray(at, at + o.batchSize), 'int32');
    at += o.batchSize;
    const x = tf.gather(real, idx);
    const z = noise(o.batchSize);
    const d = dOpt.minimize(() => tf.add(bce(D.apply(x) as tf.Tensor, 1), bce(D.apply(G.apply(z) as tf.Tensor) as tf.Tensor, 0)) as tf.Scalar, true, vars(D))!;
    const g = gOpt.minimize(() => bce(D.apply(G.apply(noise(o.batchSize)) as tf.Tensor) as tf.Tensor, 1) as tf.Scalar, true, vars(G))!;
    tf.dispose([idx, x, z]);
    losses.push(d, g);
    if (losses.length >= 100 || step === o.steps - 1) { // read back in blocks, not every step
      const values = await Promise.all(losses.map((l) => l.data()));
      values.forEach((v, i) => (i % 2 === 0 ? dLoss : gLoss).push(v[0]));
      tf.dispose(losses.splice(0));
    }
  }
  tf.dispose([real, fixedZ]);
  G.dispose(); D.dispose();
  return { dLoss, gLoss, samples };
}
