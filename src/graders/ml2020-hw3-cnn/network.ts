// The hw3 reference network on the grader's side: the architecture the hw3 spec checks a solution
// against, and the network the grader trains itself (and caches) to hand to hw5's solution.
//
// Seed (ML2020 HW3, food-11 at 128x128): five blocks conv 3x3 'same' -> batch norm -> ReLU ->
// max pool 2, widths 64-128-256-512-512, then dense 1024 -> 512 -> 11. On CIFAR-10 (32x32) five
// pools leave [N,1,1,C]. Widths scale per tier (wasm trains the seed's widths far too slowly).
//   input [N,32,32,3] = pixel / 255
//   block k: conv{k} [N,s,s,w_k] -> bn{k} -> relu{k} -> pool{k} [N,s/2,s/2,w_k]   (s = 32, 16, 8, 4, 2)
//   flatten [N,w_5] -> dense1 relu -> dense2 relu -> logits [N,10]
import * as tf from '@tensorflow/tfjs';
import type { Hw3Widths } from '../../contracts/ml2020-hw3-cnn.ts';
import { recalibrateBatchNorm } from '../../engine/batch-norm.ts';
import { makeRng, permutation } from '../../engine/seed.ts';
import { makeTrainStep } from '../../engine/train-loop.ts';
import { applyTransform, randomTransform } from './augment.ts';

const PER = 32 * 32 * 3;

export const SEED_WIDTHS: Hw3Widths = { conv: [64, 128, 256, 512, 512], dense: [1024, 512] };

/** Builds the network uncompiled; layer names conv1..5, bn1..5, relu1..5, pool1..5, dense1, dense2, logits. */
export function buildHw3Network(widths: Hw3Widths, seed = 0): tf.Sequential {
  const model = tf.sequential({ name: 'hw3cnn' });
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed * 100 + k });
  widths.conv.forEach((filters, i) => {
    const k = i + 1;
    model.add(tf.layers.conv2d({ ...(i === 0 ? { inputShape: [32, 32, 3] } : {}), name: `conv${k}`, filters, kernelSize: 3, padding: 'same', kernelInitializer: init(k) }));
    model.add(tf.layers.batchNormalization({ name: `bn${k}`, momentum: 0.9, epsilon: 1e-5 }));
    model.add(tf.layers.reLU({ name: `relu${k}` }));
    model.add(tf.layers.maxPooling2d({ name: `pool${k}`, poolSize: 2 }));
  });
  model.add(tf.layers.flatten({ name: 'flatten' }));
  widths.dense.forEach((units, i) => model.add(tf.layers.dense({ name: `dense${i + 1}`, units, activation: 'relu', kernelInitializer: init(10 + i) })));
  model.add(tf.layers.dense({ name: 'logits', units: 10, kernelInitializer: init(20) }));
  return model;
}

export interface Hw3Recipe {
  widths: Hw3Widths;
  trainImages: number; // stratified subset of CIFAR-10 train
  epochs: number;
  batchSize: number;
  learningRate: number; // Adam
  augment: boolean; // random horizontal flips and shifts of up to 4 pixels, per batch
  seed: number;
}

/** images [n,32,32,3] bytes -> float input [n,32,32,3] in [0, 1]. */
export function toInput(images: Uint8Array, n: number): tf.Tensor4D {
  return tf.tidy(() => tf.div(tf.tensor4d(images, [n, 32, 32, 3], 'int32').toFloat(), 255) as tf.Tensor4D);
}

/** Every (n / m)-th image of a class-ordered set: a spread of classes for batch-norm statistics. */
export function spreadSample(images: Uint8Array, n: number, m = 256): tf.Tensor4D {
  const k = Math.min(m, n), step = n / k, out = new Uint8Array(k * PER);
  for (let j = 0; j < k; j++) out.set(images.subarray(Math.floor(j * step) * PER, (Math.floor(j * step) + 1) * PER), j * PER);
  return toInput(out, k);
}

/**
 * Trains the network on images [n,32,32,3] (bytes) and labels [n]. Each batch is drawn in a seeded
 * order and augmented on the host (one random flip/shift per image, augment.ts), then scaled to
 * [0, 1]. Batch-norm statistics are recalibrated after every epoch (see engine/batch-norm.ts).
 */
export async function trainHw3Network(model: tf.LayersModel, images: Uint8Array, labels: Int32Array, r: Hw3Recipe,
  onEpoch?: (epoch: number, loss: number) => Promise<void> | void): Promise<void> {
  model.compile({ optimizer: tf.train.adam(r.learningRate), loss: tf.losses.softmaxCrossEntropy });
  const step = makeTrainStep(model);
  const n = labels.length;
  const rng = makeRng(`hw3-train:${r.seed}`);
  const calib = spreadSample(images, n);
  try {
    for (let e = 0; e < r.epochs; e++) {
      const order = permutation(n, rng);
      let total = 0;
      for (let lo = 0; lo < n; lo += r.batchSize) {
        const size = Math.min(r.batchSize, n - lo);
        const xb = new Float32Array(size * PER);
        const yb = new Float32Array(size * 10);
        for (let j = 0; j < size; j++) {
          const t = r.augment ? randomTransform(rng, 4) : { flip: false, dy: 0, dx: 0 };
          applyTransform(images, order[lo + j], xb, j, t, 1 / 255);
          yb[j * 10 + labels[order[lo + j]]] = 1;
        }
        const [x, y] = [tf.tensor4d(xb, [size, 32, 32, 3]), tf.tensor2d(yb, [size, 10])];
        const outs = step(x, y);
        total += (await outs[0].data())[0] * size;
        tf.dispose([x, y, ...outs]);
      }
      recalibrateBatchNorm(model, calib);
      await onEpoch?.(e, total / n);
    }
  } finally {
    calib.dispose();
  }
}

/** Predicted classes [n] for x [n,32,32,3], in batches. */
export function predictClasses(model: tf.LayersModel, x: tf.Tensor4D, batch = 256): Int32Array {
  const out = new Int32Array(x.shape[0]);
  for (let lo = 0; lo < x.shape[0]; lo += batch) {
    const size = Math.min(batch, x.shape[0] - lo);
    const p = tf.tidy(() => (model.predict(x.slice(lo, size)) as tf.Tensor).argMax(-1));
    out.set(p.dataSync() as Int32Array, lo);
    p.dispose();
  }
  return out;
}

/**
 * Training throughput (images per second of wall time) of the network at `widths`, from a few
 * batches of random images after one warm-up batch: how the seed's widths would fare here.
 */
export async function measureThroughput(widths: Hw3Widths, batches = 2, batchSize = 16): Promise<number> {
  const n = (batches + 1) * batchSize;
  const images = Uint8Array.from({ length: n * PER }, (_, i) => (i * 7919) % 256);
  const labels = Int32Array.from({ length: n }, (_, i) => i % 10);
  const model = buildHw3Network(widths, 0);
  model.compile({ optimizer: tf.train.adam(1e-3), loss: tf.losses.softmaxCrossEntropy });
  const step = makeTrainStep(model);
  try {
    let start = 0;
    for (let b = 0; b <= batches; b++) {
      if (b === 1) start = performance.now(); // batch 0 warms up (kernel setup, weight upload)
      const x = toInput(images.subarray(b * batchSize * PER, (b + 1) * batchSize * PER), batchSize);
      const y = tf.oneHot(tf.tensor1d(labels.subarray(b * batchSize, (b + 1) * batchSize), 'int32'), 10);
      const outs = step(x, y);
      await outs[0].data();
      tf.dispose([x, y, ...outs]);
    }
    return (batches * batchSize) / ((performance.now() - start) / 1000);
  } finally {
    model.dispose();
  }
}
