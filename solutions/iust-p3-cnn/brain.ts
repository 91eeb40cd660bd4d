// Brain MRI tumour yes/no. The folder holds byte-identical copies of some scans, so the split first
// keeps one file per content hash, then draws the test share of each class with a seeded
// permutation: no scan can sit on both sides, and both sides keep the class balance.
import * as tf from '@tensorflow/tfjs';
import type { BrainTrainOptions, LabelledScans, SplitRequest } from '../../src/contracts/iust-p3-cnn.ts';
import { exportModel, fitFast, makeRng, permutation, seedEverything } from '../../src/kit.ts';

export function splitBrainMri(r: SplitRequest): { train: Int32Array; test: Int32Array } {
  const seen = new Set<string>();
  const byClass = new Map<number, number[]>(); // label -> first index of each distinct content
  r.sha256.forEach((h, i) => {
    if (seen.has(h)) return;
    seen.add(h);
    const l = r.labels[i];
    if (!byClass.has(l)) byClass.set(l, []);
    byClass.get(l)!.push(i);
  });
  const rng = makeRng(`brain-split:${r.seed}`);
  const train: number[] = [], test: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(label)!;
    const order = permutation(members.length, rng);
    const nTest = Math.round(r.testFraction * members.length);
    order.forEach((j, k) => (k < nTest ? test : train).push(members[j]));
  }
  const sorted = (v: number[]) => Int32Array.from(v.sort((a, b) => a - b));
  return { train: sorted(train), test: sorted(test) };
}

/**
 * 64x64 grey in; a 5x5 stride-2 conv (8 filters) halves the side at once (the cheapest way through
 * 64x64 on a CPU), then two 3x3 conv + 2x2 max-pool blocks (16, 32 filters): 64 -> 32 -> 16 -> 8,
 * dropout, and dense 2 (logits for no, yes).
 */
function brainCnn(): tf.Sequential {
  const conv = (filters: number) => tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu' });
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [64, 64, 1], filters: 8, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu' }), // [N, 32, 32, 8]
      conv(16), tf.layers.maxPooling2d({ poolSize: 2 }), // [N, 16, 16, 16]
      conv(32), tf.layers.maxPooling2d({ poolSize: 2 }), // [N, 8, 8, 32]
      tf.layers.flatten(), tf.layers.dropout({ rate: 0.4 }), tf.layers.dense({ units: 2 }),
    ],
  });
}

/** Horizontal mirror images double the few training scans (brains are roughly symmetric). */
function withMirrors(x: tf.Tensor4D, y: tf.Tensor2D): [tf.Tensor4D, tf.Tensor2D] {
  return tf.tidy(() => [tf.concat([x, tf.reverse(x, 2)]), tf.concat([y, y])]);
}

export async function trainBrainMri(data: LabelledScans, o: BrainTrainOptions) {
  seedEverything(o.seed);
  const model = brainCnn();
  model.compile({ optimizer: tf.train.adam(1e-3), loss: tf.losses.softmaxCrossEntropy });
  const [x, y] = withMirrors(
    tf.tidy(() => tf.tensor4d(data.images, data.shape, 'float32').div(255) as tf.Tensor4D), // [n, 64, 64, 1]
    tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, 'int32'), 2) as tf.Tensor2D)); // [n, 2]
  try {
    await fitFast(model, x, y, { epochs: o.epochs, batchSize: 16, seed: o.seed });
    return { model: await exportModel(model) };
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}
