// What the grader measures on a returned model: its predictions on the held-back test images, its
// parameter count and float32 bytes, and the fraction of exactly-zero entries in its kernels
// (Conv2D / Dense / DepthwiseConv2D / SeparableConv2D kernels; biases are not pruned).
import * as tf from '@tensorflow/tfjs';
import { importModel, type ModelArtifact } from '../../grading/model-artifact.ts';
import { accuracy } from '../../grading/checks.ts';
import { RequirementFailed } from '../../grading/errors.ts';
import { toInput } from './teacher.ts';

export interface Scored {
  accuracy: number;
  params: number;
  floatBytes: number; // 4 bytes per parameter
}

/** Predicted classes [n] of a live model on images [n,28,28,1], in batches of 500. */
export function predictClasses(model: tf.LayersModel, set: { images: Uint8Array; shape: number[] }): Int32Array {
  const n = set.shape[0];
  const per = set.shape[1] * set.shape[2] * set.shape[3];
  const out = new Int32Array(n);
  for (let lo = 0; lo < n; lo += 500) {
    const hi = Math.min(n, lo + 500);
    const part = { images: set.images.subarray(lo * per, hi * per), shape: [hi - lo, ...set.shape.slice(1)] };
    const pred = tf.tidy(() => (model.predict(toInput(part)) as tf.Tensor).argMax(-1));
    out.set(pred.dataSync() as Int32Array, lo);
    pred.dispose();
  }
  return out;
}

export function checkIo(model: tf.LayersModel, what: string): void {
  const inShape = model.inputs[0].shape.slice(1).join();
  const outShape = model.outputs[0].shape.slice(1).join();
  if (inShape !== '28,28,1' || outShape !== '10') throw new RequirementFailed(`${what} maps [N,${inShape}] to [N,${outShape}]; expected [N,28,28,1] -> [N,10]`);
}

/** Imports an artifact and scores it on the test set (labels stay with the grader). */
export async function scoreArtifact(artifact: ModelArtifact, test: { images: Uint8Array; shape: number[]; labels: Int32Array }, what: string): Promise<Scored & { model: tf.LayersModel }> {
  const model = await importModel(artifact);
  checkIo(model, what);
  const params = model.countParams();
  return { model, accuracy: accuracy(predictClasses(model, test), test.labels), params, floatBytes: 4 * params };
}

const kernelLayers = new Set(['Conv2D', 'Dense', 'DepthwiseConv2D', 'SeparableConv2D']);

/** Zero and total counts over the kernels (not biases) of the weighted layers. */
export function kernelSparsity(model: tf.LayersModel): { zeros: number; total: number; sparsity: number; perLayer: Record<string, number> } {
  let zeros = 0, total = 0;
  const perLayer: Record<string, number> = {};
  for (const layer of model.layers) {
    if (!kernelLayers.has(layer.getClassName())) continue;
    let lz = 0, lt = 0;
    for (const w of layer.getWeights()) {
      if (w.rank < 2) continue; // a bias
      const v = w.dataSync();
      for (let i = 0; i < v.length; i++) if (v[i] === 0) lz++;
      lt += v.length;
    }
    perLayer[layer.name] = lt ? lz / lt : 0;
    zeros += lz; total += lt;
  }
  return { zeros, total, sparsity: total ? zeros / total : 0, perLayer };
}

/** The shapes of the model's weights in order: two models with equal lists have one architecture. */
export function weightShapes(model: tf.LayersModel): string {
  return model.getWeights().map((w) => `[${w.shape}]`).join(' ');
}

/** Grader-side one-shot global magnitude pruning, no fine-tuning: the curve's baseline. */
export function pruneWithoutFineTuning(model: tf.LayersModel, sparsity: number): void {
  const kernels = model.layers.filter((l) => kernelLayers.has(l.getClassName())).flatMap((l) => l.weights.filter((w) => w.shape.length >= 2));
  const all = new Float32Array(kernels.reduce((n, k) => n + k.read().size, 0));
  let at = 0;
  for (const k of kernels) { const v = k.read().dataSync(); for (let i = 0; i < v.length; i++) all[at++] = Math.abs(v[i]); }
  const sorted = all.slice().sort();
  const cut = sorted[Math.min(sorted.length - 1, Math.floor(sparsity * sorted.length))];
  for (const k of kernels) tf.tidy(() => { k.write(tf.where(k.read().abs().less(cut), tf.zerosLike(k.read()), k.read())); });
}
