// Clone samples for iust-p2-regularization: every contract function's arguments and result.
import fc from 'fast-check';
import { images, labels, matrix64 } from './shapes.ts';

const f32 = (n: number) => fc.float32Array({ minLength: n, maxLength: n, noNaN: true });
const points = (d: number) => fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(f32(n * d), labels(n, 2))
  .map(([x, l]) => ({ x: { data: x, shape: [n, d] }, labels: l })));
const layer = (i: number, o: number) => fc.tuple(f32(i * o), f32(o)).map(([w, bias]) => ({ weights: { data: w, shape: [i, o] }, bias }));
const mlpOptions = fc.record({
  optimizer: fc.constantFrom('sgd', 'momentum', 'adam'), learningRate: fc.double({ min: 0, max: 1, noNaN: true }), epochs: fc.integer({ min: 1, max: 3 }),
  batchSize: fc.integer({ min: 1, max: 128 }), hidden: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 2 }), seed: fc.nat(),
  dropout: fc.double({ min: 0, max: 0.9, noNaN: true }), l2: fc.double({ min: 0, max: 1, noNaN: true }), augment: fc.boolean(),
}, { noNullPrototype: true });

export const iustP2Regularization = {
  dropout: fc.tuple(matrix64(4), fc.double({ min: 0, max: 0.9, noNaN: true }), fc.boolean(), fc.nat()).map(([x, p, training, seed]) => ({
    args: [x, p, { training, seed }], result: x,
  })),
  knnPredict: fc.tuple(points(3), points(3), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 })).map(([train, q, ks]) => ({
    args: [train, q.x, ks], result: { data: new Int32Array(ks.length * q.x.shape[0]), shape: [ks.length, q.x.shape[0]] },
  })),
  trainPenalized: fc.tuple(points(5), fc.constantFrom('l1', 'l2'), fc.double({ min: 0, max: 1, noNaN: true }), fc.float64Array({ minLength: 5, maxLength: 5, noNaN: true }), fc.double({ noNaN: true }))
    .map(([data, penalty, lambda, weights, bias]) => ({ args: [data, { penalty, lambda, seed: 0 }], result: { weights, bias } })),
  distillationLoss: fc.tuple(matrix64(3), fc.double({ min: 1, max: 20, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ noNaN: true }))
    .map(([s, temperature, alpha, loss]) => ({
      args: [s, s, new Int32Array(s.shape[0]), { temperature, alpha }], result: { loss, gradient: s },
    })),
  trainMlp: fc.tuple(images(28, 28, 1), mlpOptions, layer(784, 1), layer(1, 10)).chain(([im, o, l1, l2]) => labels(im.shape[0], 10).map((l) => ({
    args: [{ ...im, labels: l }, o], result: { layers: [l1, l2], loss: Array.from({ length: o.epochs }, (_, i) => 1 / (i + 1)) },
  }))),
};
