// fitFast (src/engine/train-loop.ts): a seed fixes the run, the loss falls, the model stays an
// ordinary tf.LayersModel, and the host-side and device-side batch paths train identically.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeRng, seedEverything, unseed } from '../../src/engine/index.ts';
import { fitFast } from '../../src/engine/train-loop.ts';

/** Two Gaussian blobs in 4-D: x [n,4], one-hot y [n,2]. */
function blobs(n: number, seed: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const rng = makeRng(seed);
  const xs = new Float32Array(n * 4), ys = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    for (let j = 0; j < 4; j++) xs[i * 4 + j] = (c ? 1 : -1) + (rng() - 0.5);
    ys[i * 2 + c] = 1;
  }
  return { x: tf.tensor2d(xs, [n, 4]), y: tf.tensor2d(ys, [n, 2]) };
}

function model(): tf.LayersModel {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }));
  m.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
  m.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  return m;
}

async function run(seed: number, hostBatches?: boolean): Promise<{ losses: number[]; weights: Float32Array }> {
  seedEverything(7); // the initialisers
  const m = model();
  const { x, y } = blobs(200, 1);
  const logs = await fitFast(m, x, y, { epochs: 3, batchSize: 16, seed, hostBatches });
  const weights = m.getWeights()[0].dataSync() as Float32Array;
  tf.dispose([x, y]);
  m.dispose();
  unseed();
  return { losses: logs.map((l) => l.loss), weights: weights.slice() };
}

describe('fitFast', () => {
  it('repeats a run exactly for the same seed and differs for another seed', async () => {
    const [a, b, c] = [await run(3), await run(3), await run(4)];
    expect(a.losses).toEqual(b.losses);
    expect(a.weights).toEqual(b.weights);
    expect(c.losses).not.toEqual(a.losses);
  });

  it('lowers the loss, reports every sample, and leaves a usable LayersModel', async () => {
    const { losses } = await run(3);
    expect(losses[2]).toBeLessThan(losses[0]);
    seedEverything(1);
    const m = model();
    const { x, y } = blobs(100, 2);
    const logs = await fitFast(m, x, y, { batchSize: 32, epochs: 15 });
    expect(logs.map((l) => l.samples)).toEqual(Array(15).fill(100)); // 3 full batches and one of 4
    const acc = tf.tidy(() => tf.mean(tf.equal(tf.argMax(m.predict(x) as tf.Tensor, 1), tf.argMax(y, 1))).dataSync()[0]);
    expect(acc).toBeGreaterThan(0.9);
    tf.dispose([x, y]);
    m.dispose();
    unseed();
  });

  it('trains the same with batches gathered on the device as with batches copied on the host', async () => {
    const [host, device] = [await run(5, true), await run(5, false)];
    expect(device.losses).toEqual(host.losses);
    expect(device.weights).toEqual(host.weights);
  });
});
