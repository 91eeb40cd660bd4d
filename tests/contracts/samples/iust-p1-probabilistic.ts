// Clone samples for iust-p1-probabilistic: every contract function's arguments and result.
import fc from 'fast-check';
import { activationNames } from '../../../src/contracts/iust-p1-probabilistic.ts';
import { images, labels, matrix64 } from './shapes.ts';

const f64 = (n: number) => fc.float64Array({ minLength: n, maxLength: n, noNaN: true });
const f32 = (n: number) => fc.float32Array({ minLength: n, maxLength: n, noNaN: true });
const headlines = fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.array(fc.string(), { minLength: n, maxLength: n }), labels(n, 4))
  .map(([texts, l]) => ({ texts, labels: l, classes: 4 })));
const model = fc.integer({ min: 1, max: 5 }).chain((v) => fc.tuple(fc.array(fc.string(), { minLength: v, maxLength: v }), f64(4), f64(4 * v))
  .map(([vocabulary, logPrior, ll]) => ({ vocabulary, logPrior, logLikelihood: { data: ll, shape: [4, v] } })));
const layer = (i: number, o: number) => fc.tuple(f32(i * o), f32(o)).map(([w, bias]) => ({ weights: { data: w, shape: [i, o] }, bias }));

export const iustP1Probabilistic = {
  naiveBayesFit: fc.tuple(headlines, fc.double({ min: 0, max: 5, noNaN: true }), model).map(([h, alpha, m]) => ({ args: [h, alpha], result: m })),
  naiveBayesPredict: fc.tuple(model, fc.array(fc.string(), { maxLength: 4 })).chain(([m, texts]) => f64(4 * texts.length).map((lp) => ({
    args: [m, texts], result: { logPosterior: { data: lp, shape: [texts.length, 4] }, predictions: new Int32Array(texts.length) },
  }))),
  logisticLossAndGradient: fc.tuple(matrix64(3), f64(4), fc.double({ noNaN: true })).map(([x, w, loss]) => ({
    args: [w, x, new Float64Array(x.shape[0])], result: { loss, gradient: Float64Array.from(w) },
  })),
  logisticFit: fc.tuple(matrix64(3), f64(4), fc.integer({ min: 0, max: 20 })).chain(([x, w, k]) => f64(k).map((history) => ({
    args: [x, new Float64Array(x.shape[0])], result: { weights: w, history },
  }))),
  activationForward: fc.tuple(fc.constantFrom(...activationNames), matrix64(3)).map(([name, x]) => ({ args: [name, x], result: x })),
  activationBackward: fc.tuple(fc.constantFrom(...activationNames), matrix64(3)).map(([name, x]) => ({ args: [name, x, x], result: x })),
  trainMlp: fc.tuple(images(28, 28, 1), layer(784, 1), layer(1, 10)).chain(([im, l1, l2]) => labels(im.shape[0], 10).map((l) => ({
    args: [{ ...im, labels: l }, { epochs: 2, seed: 0 }], result: { layers: [l1, l2], loss: [2.3, 1.1] },
  }))),
};
