import fc from 'fast-check';
import { images, labels } from './shapes.ts';

// A small model artifact: topology JSON, weight specs, one weight buffer (what exportModel returns).
const artifact = fc.record({
  modelTopology: fc.record({ class_name: fc.constant('Sequential'), config: fc.record({ name: fc.string() }, { noNullPrototype: true }) }, { noNullPrototype: true }),
  weightSpecs: fc.array(fc.record({ name: fc.string(), shape: fc.array(fc.nat(8), { maxLength: 4 }), dtype: fc.constant('float32') }, { noNullPrototype: true }), { maxLength: 3 }),
  weightData: fc.uint8Array({ maxLength: 64 }).map((b) => b.slice().buffer),
}, { noNullPrototype: true });

const options = fc.record({
  dataset: fc.constantFrom('fashion-mnist', 'cifar10'), arch: fc.constantFrom('mlp', 'cnn'),
  epochs: fc.integer({ min: 1, max: 3 }), batchSize: fc.integer({ min: 1, max: 128 }), seed: fc.nat(),
}, { noNullPrototype: true });

export const leidenMlpVsCnn = {
  train: fc.tuple(fc.constantFrom([28, 28, 1], [32, 32, 3]).chain(([h, w, c]) => images(h, w, c)), options, artifact,
    fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 3 })).chain(([set, opts, model, loss]) =>
    labels(set.shape[0], 10).map((y) => ({
      args: [{ ...set, labels: y }, { ...opts, evalImages: set }],
      result: { model, history: { loss }, evalPredictions: loss.map(() => y) },
    }))),
};
