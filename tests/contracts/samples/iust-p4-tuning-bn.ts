// Clone samples for iust-p4-tuning-bn: every contract function's arguments and result.
import fc from 'fast-check';
import { images, labels, matrix64 } from './shapes.ts';

const f64 = (n: number) => fc.float64Array({ minLength: n, maxLength: n, noNaN: true });
const artifact = fc.integer({ min: 1, max: 8 }).map((n) => ({
  modelTopology: { class_name: 'Sequential', config: { layers: [] } },
  weightSpecs: [{ name: 'dense/kernel', shape: [n], dtype: 'float32' as const }],
  weightData: new Float32Array(n).fill(0.25).buffer,
}));
const config = fc.record({
  learningRate: fc.double({ min: 1e-5, max: 1, noNaN: true }), filters: fc.constantFrom(2, 4, 8), kernelSize: fc.constantFrom(3, 5),
  denseUnits: fc.constantFrom(16, 32, 64), dropout: fc.double({ min: 0, max: 0.5, noNaN: true }),
}, { noNullPrototype: true });
const digits = images(28, 28, 1).chain((im) => labels(im.shape[0], 10).map((l) => ({ ...im, labels: l })));
/** A batch x [n, d] with the matching gamma, beta and running statistics [d]. */
const bn = matrix64(3).chain((x) => fc.tuple(f64(3), f64(3), f64(3), f64(3)).map(([gamma, beta, m, v]) => ({ x, gamma, beta, m, v })));
const scale = fc.record({ mean: fc.double({ noNaN: true }), std: fc.double({ noNaN: true }) }, { noNullPrototype: true });

export const iustP4TuningBn = {
  batchnormForward: bn.map(({ x, gamma, beta, m, v }) => ({
    args: [x, gamma, beta, { mode: 'train', eps: 1e-5, momentum: 0.9, runningMean: m, runningVar: v }],
    result: { out: x, runningMean: m, runningVar: v, cache: { x, gamma, beta, eps: 1e-5 } },
  })),
  batchnormBackward: bn.map(({ x, gamma, beta }) => ({ args: [x, { x, gamma, beta, eps: 1e-5 }], result: { dx: x, dgamma: gamma, dbeta: beta } })),
  convOutputSize: fc.record({ size: fc.nat(64), kernel: fc.nat(7), stride: fc.nat(4), pad: fc.nat(3), dilation: fc.nat(4) }, { noNullPrototype: true }).map((g) => ({ args: [g], result: g.size })),
  convParams: fc.record({ kernel: fc.nat(7), inChannels: fc.nat(64), filters: fc.nat(64), useBias: fc.boolean() }, { noNullPrototype: true }).map((w) => ({ args: [w], result: w.kernel })),
  dilatedSamePadding: fc.tuple(fc.nat(9), fc.nat(6)).map(([k, d]) => ({ args: [k, d], result: (d * (k - 1)) / 2 })),
  trainCnn: fc.tuple(digits, config, artifact).map(([d, c, model]) => ({ args: [d, c, { steps: 10, seed: 0 }], result: { model } })),
  searchHyperparameters: fc.tuple(digits, config, artifact, fc.double({ min: 0, max: 1, noNaN: true })).map(([d, best, model, acc]) => ({
    args: [d, { method: 'successive-halving', budgetSteps: 210, finalSteps: 100, seed: 0 }],
    result: { best, trials: [{ config: best, steps: 10, validationAccuracy: acc, rung: 0 }], model },
  })),
  gradCam: fc.tuple(artifact, images(28, 28, 1)).chain(([model, im]) => labels(im.shape[0], 10).map((classes) => ({
    args: [model, { data: im.images, shape: im.shape }, classes],
    result: { data: new Float32Array(im.shape[0] * 784), shape: [im.shape[0], 28, 28] },
  }))),
  fitForecaster: fc.tuple(f64(48), artifact, scale, scale).map(([series, model, input, output]) => ({
    args: [series, { variant: 'fixed', window: 12, epochs: 1, seed: 0 }], result: { model, input, output },
  })),
};
