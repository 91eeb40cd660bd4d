// The engine issue's acceptance measurement: LeNet-5 on full Fashion-MNIST on the default backend,
// seconds per epoch and test accuracy after each of two epochs (Adam 1e-3, batch 64, pixels / 255).
// Run: npx tsx bench/lenet-two-epochs.ts [seed]
import * as tf from '@tensorflow/tfjs';
import { loadFashionMnist } from '../src/data/index.ts';
import { initEngine, seedEverything } from '../src/engine/index.ts';
import { fitFast } from '../src/engine/train-loop.ts';
import { lenet5 } from '../src/models/lenet5.ts';

const seed = Number(process.argv[2] ?? 0);
const engine = await initEngine({ quiet: false });
seedEverything(seed);
const { train, test } = await loadFashionMnist();
const images = (s: typeof train) => tf.tidy(() => tf.tensor4d(s.images, s.shape, 'int32').toFloat().div(255)); // [N, 28, 28, 1]
const x = images(train);
const y = tf.oneHot(tf.tensor1d(train.labels, 'int32'), 10).toFloat(); // [N, 10]
const xTest = images(test);
const model = lenet5();
for (let epoch = 1; epoch <= 2; epoch++) {
  const [logs] = await fitFast(model, x, y, { epochs: 1, batchSize: 64, seed: seed * 100 + epoch });
  const pred = tf.tidy(() => (model.predict(xTest) as tf.Tensor).argMax(-1));
  const predicted = await pred.data();
  pred.dispose();
  let correct = 0;
  for (let i = 0; i < test.labels.length; i++) if (predicted[i] === test.labels[i]) correct++;
  console.log(`epoch ${epoch}: ${logs.seconds.toFixed(1)} s (${Math.round(logs.imagesPerSec)} images/s), loss ${logs.loss.toFixed(4)}, test accuracy ${(correct / test.labels.length).toFixed(4)} [${engine.backend}]`);
}
