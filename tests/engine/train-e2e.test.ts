// End to end on the chosen backend (wasm here): every layer family the coursework uses trains on a
// tiny synthetic task, i.e. its loss after a few dozen steps is clearly below the loss at start.
// This exercises the registered gradient kernels through tfjs's real gradient paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initEngine, makeRng, seedEverything, unseed, gaussian } from '../../src/engine/index.ts';

const rng = makeRng('train-e2e');
const N = 64;

/** [N, 8, 8, 1] images with one horizontal (class 0) or vertical (class 1) bar; labels one-hot [N, 2]. */
function bars(): { xs: tf.Tensor; ys: tf.Tensor } {
  const x = new Float32Array(N * 64), y = new Float32Array(N * 2);
  for (let i = 0; i < N; i++) {
    const cls = i % 2, at = Math.floor(rng() * 8);
    for (let j = 0; j < 8; j++) x[i * 64 + (cls ? j * 8 + at : at * 8 + j)] = 1;
    for (let j = 0; j < 64; j++) x[i * 64 + j] += 0.1 * gaussian(rng);
    y[i * 2 + cls] = 1;
  }
  return { xs: tf.tensor4d(x, [N, 8, 8, 1]), ys: tf.tensor2d(y, [N, 2]) };
}

/** [N, 8] gaussian vectors, one-hot label [N, 2] of the sign of x0 + x1. */
function signs(): { xs: tf.Tensor; ys: tf.Tensor } {
  const x = Float32Array.from({ length: N * 8 }, () => gaussian(rng));
  const y = Float32Array.from({ length: N * 2 }, (_, k) => Number((x[(k >> 1) * 8] + x[(k >> 1) * 8 + 1] > 0) === (k % 2 === 1)));
  return { xs: tf.tensor2d(x, [N, 8]), ys: tf.tensor2d(y, [N, 2]) };
}

/** [N, 6, 1] uniform sequences; target [N, 1] is their sum. */
function sums(): { xs: tf.Tensor; ys: tf.Tensor } {
  const x = Float32Array.from({ length: N * 6 }, () => rng());
  const y = Float32Array.from({ length: N }, (_, i) => x.slice(i * 6, i * 6 + 6).reduce((a, b) => a + b, 0));
  return { xs: tf.tensor3d(x, [N, 6, 1]), ys: tf.tensor2d(y, [N, 1]) };
}

/** [N, 5] token ids in 0..9; target [N, 1] = 1 if token 3 occurs. */
function tokens(): { xs: tf.Tensor; ys: tf.Tensor } {
  const x = Int32Array.from({ length: N * 5 }, () => Math.floor(rng() * 10));
  const y = Float32Array.from({ length: N }, (_, i) => Number(x.slice(i * 5, i * 5 + 5).includes(3)));
  return { xs: tf.tensor2d(x, [N, 5], 'int32'), ys: tf.tensor2d(y, [N, 1]) };
}

const L = tf.layers;
type Case = { data: () => { xs: tf.Tensor; ys: tf.Tensor }; layers: () => tf.layers.Layer[]; loss: string; inputShape: number[] };
const cases: Record<string, Case> = {
  'conv2d (stride 1 and 2)': { data: bars, inputShape: [8, 8, 1], loss: 'categoricalCrossentropy', layers: () => [
    L.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
    L.conv2d({ filters: 8, kernelSize: 3, strides: 2, activation: 'relu' }), L.flatten(), L.dense({ units: 2, activation: 'softmax' })] },
  conv2dTranspose: { data: bars, inputShape: [8, 8, 1], loss: 'categoricalCrossentropy', layers: () => [
    L.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
    L.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
    L.globalAveragePooling2d({}), L.dense({ units: 2, activation: 'softmax' })] },
  'depthwiseConv2d (stride 2) + separableConv2d': { data: bars, inputShape: [8, 8, 1], loss: 'categoricalCrossentropy', layers: () => [
    L.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }),
    L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same', activation: 'relu' }),
    L.separableConv2d({ filters: 6, kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'relu' }),
    L.globalAveragePooling2d({}), L.dense({ units: 2, activation: 'softmax' })] },
  batchNormalization: { data: signs, inputShape: [8], loss: 'categoricalCrossentropy', layers: () => [
    L.dense({ units: 16 }), L.batchNormalization(), L.activation({ activation: 'relu' }), L.dense({ units: 2, activation: 'softmax' })] },
  dropout: { data: signs, inputShape: [8], loss: 'categoricalCrossentropy', layers: () => [
    L.dense({ units: 16, activation: 'relu' }), L.dropout({ rate: 0.3 }), L.dense({ units: 2, activation: 'softmax' })] },
  LSTM: { data: sums, inputShape: [6, 1], loss: 'meanSquaredError', layers: () => [L.lstm({ units: 8 }), L.dense({ units: 1 })] },
  GRU: { data: sums, inputShape: [6, 1], loss: 'meanSquaredError', layers: () => [L.gru({ units: 8 }), L.dense({ units: 1 })] },
  embedding: { data: tokens, inputShape: [5], loss: 'binaryCrossentropy', layers: () => [
    L.embedding({ inputDim: 10, outputDim: 4 }), L.globalAveragePooling1d({}), L.dense({ units: 1, activation: 'sigmoid' })] },
};

beforeAll(async () => {
  await initEngine();
  seedEverything(1);
});
afterAll(() => unseed());

describe(`training on ${tf.getBackend()}`, () => {
  it.each(Object.keys(cases))('%s: loss falls clearly below its start', async (name) => {
    const c = cases[name];
    const { xs, ys } = c.data();
    const input = tf.input({ shape: c.inputShape });
    const output = c.layers().reduce<tf.SymbolicTensor>((h, layer) => layer.apply(h) as tf.SymbolicTensor, input);
    const model = tf.model({ inputs: input, outputs: output });
    model.compile({ optimizer: tf.train.adam(0.02), loss: c.loss });
    const lossOf = () => tf.tidy(() => (model.evaluate(xs, ys) as tf.Scalar).dataSync()[0]);
    const before = lossOf();
    await model.fit(xs, ys, { epochs: 15, batchSize: 16, shuffle: true, verbose: 0 });
    const after = lossOf();
    expect(after, `${name}: ${before.toFixed(4)} -> ${after.toFixed(4)}`).toBeLessThan(0.6 * before);
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it.runIf(tf.getBackend() === 'wasm')('runs the gradebench wasm gradient kernels (not a fallback)', async () => {
    const x = tf.randomNormal([2, 6, 6, 2]); // [N, H, W, C]
    const ids = tf.tensor1d([0, 2, 2], 'int32');
    const ws = [tf.randomNormal([3, 3, 2, 2]), tf.randomNormal([3, 3, 2, 1]), tf.randomNormal([4, 3])];
    const f = (wc: tf.Tensor, wd: tf.Tensor, emb: tf.Tensor) =>
      tf.depthwiseConv2d(tf.conv2d(x as tf.Tensor4D, wc as tf.Tensor4D, 2, 'same'), wd as tf.Tensor4D, 1, 'same').sum().add(tf.gather(emb, ids).sum());
    const info = await tf.profile(() => { tf.dispose(tf.grads(f)(ws)); });
    expect(info.kernelNames).toEqual(expect.arrayContaining(
      ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput', 'UnsortedSegmentSum']));
    tf.dispose([x, ids, ...ws]);
  });

  it('attention block from ops (matMul + softmax) trains with optimizer.minimize', () => {
    const [B, T, D] = [32, 5, 4];
    const x = tf.randomNormal([B, T, D], 0, 1, 'float32', 3); // [B, T, D]
    const y = tf.tidy(() => x.max(1).sum(1, true)); // [B, 1]: needs content-based selection
    const v = (shape: number[], seed: number) => tf.variable(tf.randomNormal(shape, 0, 0.3, 'float32', seed));
    const [wq, wk, wv, wo] = [v([D, D], 4), v([D, D], 5), v([D, D], 6), v([D, 1], 7)];
    const loss = (): tf.Scalar => tf.tidy(() => {
      const flat = x.reshape([B * T, D]);
      const [q, k, val] = [wq, wk, wv].map((w) => flat.matMul(w).reshape([B, T, D]));
      const att = tf.softmax(tf.matMul(q, k, false, true).div(Math.sqrt(D))); // [B, T, T]
      const pooled = tf.matMul(att, val).mean(1); // [B, D]
      return tf.losses.meanSquaredError(y, pooled.matMul(wo)) as tf.Scalar;
    });
    const opt = tf.train.adam(0.03);
    const value = () => tf.tidy(() => loss().dataSync()[0]);
    const before = value();
    for (let i = 0; i < 150; i++) opt.minimize(loss);
    const after = value();
    expect(after, `${before} -> ${after}`).toBeLessThan(0.6 * before);
    opt.dispose();
    tf.dispose([x, y, wq, wk, wv, wo]);
  });
});
