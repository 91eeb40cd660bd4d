// Clone samples for iust-p5-rnn-attention: float64 arrays with shapes, opaque caches made of
// typed arrays and plain objects, Int32 predictions, and the language model's distributions.
import fc from 'fast-check';

const f64 = (shape: number[]) => fc.float64Array({ minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1), noNaN: true }).map((data) => ({ data, shape }));
const dims = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }));
const ints = (n: number, max: number) => fc.array(fc.integer({ min: 0, max }), { minLength: n, maxLength: n }).map((v) => Int32Array.from(v));
const lookupSet = (n: number) => fc.record({ queries: f64([n, 3]), keys: f64([n, 2, 3]), values: ints(n * 2, 4) }, { noNullPrototype: true });

export const iustP5RnnAttention = {
  rnnForward: dims.chain(([T, N, D, H]) => fc.tuple(f64([T, N, D]), f64([N, H]), f64([D, H]), f64([H, H]), f64([H]), f64([T, N, H])).map(([x, h0, Wx, Wh, b, h]) => ({
    args: [x, h0, Wx, Wh, b], result: { h, cache: { x, h0, Wx, Wh, h: h.data } },
  }))),
  rnnBackward: dims.chain(([T, N, D, H]) => fc.tuple(f64([T, N, H]), f64([T, N, D]), f64([N, H]), f64([D, H]), f64([H, H]), f64([H])).map(([dh, dx, dh0, dWx, dWh, db]) => ({
    args: [dh, { x: dx, h: dh.data }], result: { dx, dh0, dWx, dWh, db },
  }))),
  attentionForward: fc.tuple(f64([2, 3]), f64([2, 4, 3]), f64([2, 4, 1]), fc.constantFrom('softmax', 'argmax'), f64([2, 1]), f64([2, 4])).map(([q, k, v, kind, out, weights]) => ({
    args: [q, k, v, kind], result: { out, weights, cache: { q, k, v, a: weights.data, kind } },
  })),
  attentionBackward: fc.tuple(f64([2, 1]), f64([2, 3]), f64([2, 4, 3]), f64([2, 4, 1]), f64([2, 4])).map(([dout, dq, dk, dv, dscores]) => ({
    args: [dout, { a: dscores.data, kind: 'softmax' }], result: { dq, dk, dv, dscores },
  })),
  trainAttention: fc.tuple(lookupSet(3), lookupSet(2), ints(3, 4), fc.array(fc.double({ noNaN: true }), { maxLength: 5 })).map(([train, evalSet, targets, curve]) => ({
    args: [{ train: { ...train, targets }, eval: evalSet, classes: 5 }, { kind: 'softmax', steps: curve.length, seed: 1 }],
    result: { loss: curve, scoreGradNorm: curve, evalPredictions: Int32Array.from([0, 1]) },
  })),
  trainOneToMany: fc.tuple(f64([3, 13]), ints(3 * 4, 9), ints(2 * 4, 9), fc.array(fc.double({ noNaN: true }), { maxLength: 5 })).map(([inputs, targets, evalPredictions, loss]) => ({
    args: [{ inputs, targets, length: 4, classes: 10 }, inputs, { seed: 0, steps: 10 }], result: { loss, evalPredictions },
  })),
  trainCharLm: fc.tuple(fc.array(fc.string(), { maxLength: 4 }), fc.array(fc.string(), { maxLength: 3 }), fc.float32Array({ minLength: 6, maxLength: 6, noNaN: true })).map(([train, samples, probs]) => ({
    args: [{ train, vocab: ['\n', 'a', 'b'] }, ['ab'], ['a'], { seed: 0, steps: 5 }], result: { probabilities: { data: probs, shape: [2, 3] }, samples, loss: [1.5] },
  })),
};
