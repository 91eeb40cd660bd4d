// The grader's forward pass of an MLP handed back as plain arrays (input pixel / 255 flattened ->
// ReLU hidden layers -> logits), so it scores the weights on test images whose labels it kept.
// iust-p2-regularization grades its MLPs with the same code.
import * as tf from '@tensorflow/tfjs';
import { SolutionError } from '../../grading/errors.ts';
import type { Array2 } from '../../grading/types.ts';

export interface MlpLayer { weights: Array2; bias: Float32Array } // weights [in, out], bias [out]

/** Checks the layers chain inputs -> ... -> outputs with finite values; returns the layer widths. */
export function checkMlp(layers: MlpLayer[] | undefined, inputs: number, outputs: number, where: string): number[] {
  if (!Array.isArray(layers) || layers.length === 0) throw new SolutionError('SOLUTION_BAD_OUTPUT', 'expected a non-empty list of layers {weights, bias}', where);
  const widths = [inputs];
  layers.forEach((l, k) => {
    const [rows, cols] = l?.weights?.shape ?? [];
    if (rows !== widths[k] || !cols || l.weights.data?.length !== rows * cols || l.bias?.length !== cols) {
      throw new SolutionError('SOLUTION_BAD_OUTPUT', `layer ${k}: weights [${l?.weights?.shape}] and bias [${l?.bias?.length}] do not take ${widths[k]} inputs (expected weights [${widths[k]}, out], bias [out])`, where);
    }
    for (const v of [l.weights.data, l.bias]) {
      const bad = v.findIndex((e) => !Number.isFinite(e));
      if (bad >= 0) throw new SolutionError('SOLUTION_BAD_OUTPUT', `layer ${k} has a non-finite value ${v[bad]} at ${bad}`, where);
    }
    widths.push(cols);
  });
  if (widths.at(-1) !== outputs) throw new SolutionError('SOLUTION_BAD_OUTPUT', `the last layer has ${widths.at(-1)} outputs, expected ${outputs}`, where);
  return widths;
}

/** Logits [n, out] of the MLP on byte images [n, h, w, c] (scaled by 1/255, flattened), in batches. */
export async function mlpLogits(layers: MlpLayer[], images: Uint8Array, n: number, batch = 1000): Promise<Float32Array> {
  const inputs = layers[0].weights.shape[0];
  const out = layers.at(-1)!.weights.shape[1];
  const params = layers.map((l) => [tf.tensor2d(l.weights.data, l.weights.shape as [number, number]), tf.tensor1d(l.bias)] as const);
  const logits = new Float32Array(n * out);
  for (let lo = 0; lo < n; lo += batch) {
    const size = Math.min(batch, n - lo);
    const y = tf.tidy(() => {
      let h: tf.Tensor2D = tf.tensor2d(images.subarray(lo * inputs, (lo + size) * inputs), [size, inputs], 'float32').div(255);
      params.forEach(([w, b], k) => {
        h = tf.add(tf.matMul(h, w), b);
        if (k < params.length - 1) h = tf.relu(h);
      });
      return h;
    });
    logits.set(await y.data(), lo * out);
    y.dispose();
  }
  tf.dispose(params.flat());
  return logits;
}

/** Argmax of each row of logits [n, k]. */
export function argmaxRows(logits: Float32Array, k: number): Int32Array {
  const n = logits.length / k;
  return Int32Array.from({ length: n }, (_, i) => {
    let best = 0;
    for (let j = 1; j < k; j++) if (logits[i * k + j] > logits[i * k + best]) best = j;
    return best;
  });
}

/** Mean softmax cross-entropy of logits [n, k] against labels [n]. */
export function crossEntropy(logits: Float32Array, labels: Int32Array, k: number): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    const row = logits.subarray(i * k, (i + 1) * k);
    const max = Math.max(...row);
    const logZ = max + Math.log(row.reduce((a, v) => a + Math.exp(v - max), 0));
    s += logZ - row[labels[i]];
  }
  return s / labels.length;
}
