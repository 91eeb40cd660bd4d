import fc from 'fast-check';
import { images, labels, matrix64 } from './shapes.ts';

const labelled = images(28, 28, 1).chain((set) => labels(set.shape[0], 10).map((l) => ({ ...set, labels: l })));
export const leidenPerceptron = {
  features: images(28, 28, 1).map((set) => ({ args: [set], result: { data: new Float32Array(set.shape[0] * 784), shape: [set.shape[0], 784] } })),
  epoch: fc.tuple(matrix64(5), matrix64(5), fc.constantFrom('batch', 'online'), fc.double({ min: 0, max: 2, noNaN: true }))
    .map(([w, x, mode, lr]) => ({ args: [w, x, new Int32Array(x.shape[0]), { mode, lr }], result: w })),
  train: fc.tuple(labelled, fc.constantFrom('batch', 'online'), fc.integer({ min: 1, max: 3 }), fc.nat())
    .map(([set, mode, epochs, seed]) => ({ args: [set, { mode, epochs, seed }], result: { weights: { data: new Float32Array(epochs * 10 * 785), shape: [epochs, 10, 785] } } })),
};
