import fc from 'fast-check';
import { images, labels } from './shapes.ts';

// A small model artifact: topology JSON, weight specs, one weight buffer (what exportModel returns).
const artifact = fc.record({
  modelTopology: fc.record({ class_name: fc.constant('Sequential'), config: fc.record({ name: fc.string() }, { noNullPrototype: true }) }, { noNullPrototype: true }),
  weightSpecs: fc.array(fc.record({ name: fc.string(), shape: fc.array(fc.nat(8), { maxLength: 4 }), dtype: fc.constant('float32') }, { noNullPrototype: true }), { maxLength: 3 }),
  weightData: fc.uint8Array({ maxLength: 64 }).map((b) => b.slice().buffer),
}, { noNullPrototype: true });

const width = fc.integer({ min: 1, max: 512 });
const options = fc.record({
  widths: fc.record({ conv: fc.tuple(width, width, width, width, width), dense: fc.tuple(width, width) }, { noNullPrototype: true }),
  epochs: fc.integer({ min: 1, max: 3 }), batchSize: fc.integer({ min: 1, max: 128 }), augment: fc.boolean(), seed: fc.nat(),
}, { noNullPrototype: true });
const curve = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 });

const labelled = images(32, 32, 3).chain((set) => labels(set.shape[0], 10).map((y) => ({ ...set, labels: y })));

export const ml2020Hw3Cnn = {
  augment: fc.tuple(images(32, 32, 3), fc.integer({ min: 0, max: 4 }), fc.nat()).map(([batch, maxShift, seed]) => ({
    args: [batch, { maxShift, seed }], result: { images: batch.images.slice(), shape: batch.shape },
  })),
  train: fc.tuple(labelled, labelled, options, artifact, curve).map(([train, validation, opts, model, c]) => ({
    args: [train, validation, opts],
    result: { model, history: { loss: c.map((v) => 2 * v), trainAccuracy: c, valAccuracy: c } },
  })),
};
