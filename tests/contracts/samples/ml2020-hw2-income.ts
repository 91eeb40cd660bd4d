import fc from 'fast-check';
import { matrix64 } from './shapes.ts';

const theta = (d: number) => fc.float64Array({ minLength: d + 1, maxLength: d + 1, noNaN: true });
const labels01 = (x: { shape: number[] }) => Float64Array.from({ length: x.shape[0] }, (_, i) => i % 2);
const params = fc.tuple(fc.float64Array({ minLength: 6, maxLength: 6, noNaN: true }), fc.float64Array({ minLength: 9, maxLength: 9, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([m, c, p]) => ({ means: { data: m, shape: [2, 3] }, covariance: { data: c, shape: [3, 3] }, priors: Float64Array.from([1 - p, p]) }));

export const ml2020Hw2Income = {
  fitGenerative: fc.tuple(matrix64(3), params).map(([x, p]) => ({ args: [x, labels01(x)], result: p })),
  generativeWeights: fc.tuple(params, theta(3)).map(([p, w]) => ({ args: [p], result: w })),
  predictProba: fc.tuple(theta(3), matrix64(3)).map(([w, x]) => ({ args: [w, x], result: new Float64Array(x.shape[0]).fill(0.5) })),
  logisticLossAndGradient: fc.tuple(theta(3), matrix64(3), fc.double({ noNaN: true })).map(([w, x, loss]) => ({
    args: [w, x, labels01(x)], result: { loss, gradient: Float64Array.from(w) },
  })),
  fitLogistic: fc.tuple(matrix64(3), fc.record({ lr: fc.double({ min: 0, max: 2, noNaN: true }), epochs: fc.nat(20), batchSize: fc.integer({ min: 1, max: 64 }), seed: fc.nat() }, { noNullPrototype: true }))
    .map(([x, o]) => ({ args: [x, labels01(x), o], result: { weights: new Float64Array(4), lossCurve: new Float64Array(o.epochs) } })),
};
