import fc from 'fast-check';
import { matrix64 } from './shapes.ts';

const weights = fc.float64Array({ minLength: 9, maxLength: 9, noNaN: true });
export const leidenXor = {
  forward: fc.tuple(weights, matrix64(2)).map(([w, x]) => ({ args: [w, x], result: new Float64Array(x.shape[0]) })),
  lossAndGradient: fc.tuple(weights, matrix64(2), fc.double({ noNaN: true })).map(([w, x, loss]) => ({
    args: [w, x, new Float64Array(x.shape[0])], result: { loss, gradient: Float64Array.from(w) },
  })),
  train: fc.record({ lr: fc.double({ min: 0, max: 2, noNaN: true }), init: fc.constantFrom('uniform', 'normal'), iterations: fc.nat(100), seed: fc.nat() }, { noNullPrototype: true })
    .map((opts) => ({ args: [opts], result: { weights: new Float64Array(9), loss: new Float64Array(opts.iterations) } })),
};
