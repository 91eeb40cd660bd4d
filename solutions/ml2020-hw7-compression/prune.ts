// Magnitude pruning with fine-tuning (the seed's "remove less important weights after training,
// then fine tune"): one global threshold over every conv/dense kernel entry, so layers whose weights
// matter more (larger magnitudes) keep more of them; then Adam fine-tuning with the pruned entries
// set back to 0 after every step, so the returned model has exactly the asked sparsity.
import * as tf from '@tensorflow/tfjs';
import { exportModel, type ModelArtifact } from '../../src/kit.ts';
import type { LabelledImages, PruneResult, TrainOptions } from '../../src/contracts/ml2020-hw7-compression.ts';
import { crossEntropy, load, toInput, train } from './models.ts';

const kernelLayers = new Set(['Conv2D', 'Dense', 'DepthwiseConv2D', 'SeparableConv2D']);

type Kernel = { read(): tf.Tensor; write(t: tf.Tensor): void };

export function kernelsOf(model: tf.LayersModel): Kernel[] {
  return model.layers.filter((l) => kernelLayers.has(l.getClassName()))
    .flatMap((l) => l.weights.filter((w) => w.shape.length >= 2)) as unknown as Kernel[];
}

/** Masks [kernel shape] of 1 (kept) / 0 (pruned): the ceil(sparsity * total) smallest |w| are pruned. */
export function magnitudeMasks(kernels: Kernel[], sparsity: number): tf.Tensor[] {
  const values = kernels.map((k) => k.read().abs().dataSync() as Float32Array);
  const total = values.reduce((n, v) => n + v.length, 0);
  const all = new Float32Array(total);
  let at = 0;
  for (const v of values) { all.set(v, at); at += v.length; }
  const order = Uint32Array.from({ length: total }, (_, i) => i).sort((a, b) => all[a] - all[b]);
  const keep = new Float32Array(total).fill(1);
  for (let i = 0; i < Math.ceil(sparsity * total); i++) keep[order[i]] = 0; // ties broken by position
  at = 0;
  return kernels.map((k, i) => {
    const m = tf.tensor(keep.subarray(at, at + values[i].length), k.read().shape);
    at += values[i].length;
    return m;
  });
}

export function applyMasks(kernels: Kernel[], masks: tf.Tensor[]): void {
  kernels.forEach((k, i) => tf.tidy(() => k.write(k.read().mul(masks[i]))));
}

export function countSparsity(model: tf.LayersModel): number {
  let zeros = 0, total = 0;
  for (const k of kernelsOf(model)) {
    const v = k.read().dataSync();
    for (let i = 0; i < v.length; i++) if (v[i] === 0) zeros++;
    total += v.length;
  }
  return zeros / total;
}

export async function prune(teacher: ModelArtifact, data: LabelledImages, sparsity: number, o: TrainOptions, fineTune = true): Promise<PruneResult> {
  const model = await load(teacher);
  const kernels = kernelsOf(model);
  const masks = magnitudeMasks(kernels, sparsity);
  applyMasks(kernels, masks);
  if (fineTune && o.epochs > 0) {
    model.compile({ optimizer: tf.train.adam(5e-4), loss: crossEntropy });
    const x = toInput(data);
    const y = tf.oneHot(tf.tensor1d(data.labels, 'int32'), 10);
    await train(model, x, y, { ...o, afterStep: () => applyMasks(kernels, masks) });
    tf.dispose([x, y]);
  }
  const result = { model: await exportModel(model), reportedSparsity: countSparsity(model) };
  tf.dispose(masks);
  model.dispose();
  return result;
}
