// Determinism on the chosen backend (wasm here): seedEverything(seed) makes a whole training run
// repeatable, bit for bit, although initialisers, dropout masks and fit's shuffle all draw from
// Math.random; a different seed gives a different run. Also pins the two explicit seeds tfjs has.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initEngine, makeRng, gaussian, seedEverything, unseed } from '../../src/engine/index.ts';

/** Fixed data (independent of Math.random): [64, 6] inputs, one-hot [64, 3] labels. */
function data(): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  const rng = makeRng('determinism-data');
  const x = Float32Array.from({ length: 64 * 6 }, () => gaussian(rng));
  const labels = Int32Array.from({ length: 64 }, (_, i) => (x[i * 6] > 0 ? 1 : 0) + (x[i * 6 + 1] > 0.5 ? 1 : 0));
  return { xs: tf.tensor2d(x, [64, 6]), ys: tf.oneHot(tf.tensor1d(labels, 'int32'), 3).toFloat() as tf.Tensor2D };
}

/** Trains a small conv-free model with dropout and shuffling; returns flat weights and metrics. */
async function run(seed: number): Promise<{ weights: Float32Array[]; history: Record<string, number[]> }> {
  seedEverything(seed);
  const { xs, ys } = data();
  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [6], units: 16, activation: 'relu' }),
    tf.layers.dropout({ rate: 0.4 }),
    tf.layers.dense({ units: 3, activation: 'softmax' }),
  ] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const h = await model.fit(xs, ys, { epochs: 4, batchSize: 8, shuffle: true, validationSplit: 0.25, verbose: 0 });
  const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  const history = Object.fromEntries(Object.entries(h.history).map(([k, v]) => [k, v.map(Number)]));
  model.dispose();
  tf.dispose([xs, ys]);
  return { weights, history };
}

beforeAll(async () => {
  await initEngine();
});
afterEach(() => unseed());

describe(`determinism on ${tf.getBackend()}`, () => {
  it('the same seed gives identical weights and metrics; another seed does not', async () => {
    const a = await run(7), b = await run(7), c = await run(8);
    expect(a.weights.length).toBe(4);
    a.weights.forEach((w, i) => expect(Array.from(b.weights[i])).toEqual(Array.from(w)));
    expect(b.history).toEqual(a.history);
    expect(a.history.loss.length).toBe(4);
    expect(c.weights.some((w, i) => w.some((v, j) => v !== a.weights[i][j]))).toBe(true);
    expect(c.history.loss).not.toEqual(a.history.loss);
  });

  it('dropout masks and shuffling follow the seed (not only the initial weights)', async () => {
    // Same initial weights by construction, different Math.random afterwards: runs must differ.
    const once = async (afterInitSeed: number) => {
      seedEverything(1);
      const { xs, ys } = data();
      const model = tf.sequential({ layers: [
        tf.layers.dense({ inputShape: [6], units: 8, activation: 'relu' }), tf.layers.dropout({ rate: 0.5 }), tf.layers.dense({ units: 3 }),
      ] });
      model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
      seedEverything(afterInitSeed);
      await model.fit(xs, ys, { epochs: 1, batchSize: 16, shuffle: true, verbose: 0 });
      const w = Array.from(model.getWeights()[0].dataSync());
      model.dispose();
      tf.dispose([xs, ys]);
      return w;
    };
    expect(await once(2)).toEqual(await once(2));
    expect(await once(3)).not.toEqual(await once(2));
  });

  it("random ops' seed and initialisers' seed are repeatable without seedEverything", () => {
    unseed();
    const draw = (seed: number) => tf.tidy(() => Array.from(tf.randomNormal([5], 0, 1, 'float32', seed).dataSync()));
    expect(draw(11)).toEqual(draw(11));
    expect(draw(11)).not.toEqual(draw(12));
    const init = (seed: number) => tf.tidy(() => Array.from(tf.initializers.glorotUniform({ seed }).apply([4, 3]).dataSync()));
    expect(init(5)).toEqual(init(5));
    expect(init(5)).not.toEqual(init(6));
  });
});
