// Clone samples for iust-p6-metrics-ssl: scores and counts, model artifacts (topology JSON and an
// ArrayBuffer), word vectors, search trajectories, and GAN samples as bytes.
import fc from 'fast-check';
import { images, labels } from './shapes.ts';

const n = 5;
const scores = fc.float64Array({ minLength: n, maxLength: n, noNaN: true });
const binary = fc.uint8Array({ minLength: n, maxLength: n, max: 1 });
const counts = fc.record({ tp: labels(3, 9), fp: labels(3, 9), tn: labels(3, 9), fn: labels(3, 9), precision: fc.float64Array({ minLength: 3, maxLength: 3, noNaN: true }), recall: fc.float64Array({ minLength: 3, maxLength: 3, noNaN: true }), f1: fc.float64Array({ minLength: 3, maxLength: 3, noNaN: true }) }, { noNullPrototype: true });
const artifact = fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ modelTopology: { class_name: 'Sequential', config: { layers: [] } }, weightSpecs: [{ name: 'w', shape: [bytes.length], dtype: 'float32' as const }], weightData: bytes.slice().buffer }));
const losses = fc.array(fc.double({ noNaN: true }), { maxLength: 5 });
const split = fc.float64Array({ minLength: 6, maxLength: 6, noNaN: true }).map((x) => ({ x: { data: x, shape: [3, 2] }, y: x.slice(0, 3) }));

export const iustP6MetricsSsl = {
  confusionAtThresholds: fc.tuple(scores, binary, fc.float64Array({ minLength: 3, maxLength: 3, noNaN: true }), counts).map(([s, l, t, result]) => ({ args: [s, l, t], result })),
  operatingPoint: fc.tuple(scores, binary, fc.constantFrom('precision', 'recall'), fc.double({ min: 0, max: 1, noNaN: true }), fc.option(fc.double({ noNaN: true }), { nil: null })).map(([s, l, metric, atLeast, threshold]) => ({
    args: [s, l, { metric, atLeast }], result: { threshold, precision: atLeast, recall: atLeast },
  })),
  pretrainRotation: fc.tuple(images(28, 28, 1), artifact, losses).map(([set, model, loss]) => ({ args: [set, { epochs: 1, batchSize: 8, seed: 0 }], result: { model, loss } })),
  trainClassifier: fc.tuple(images(28, 28, 1), artifact, losses).map(([set, model, loss]) => ({
    args: [{ ...set, labels: new Int32Array(set.shape[0]) }, { epochs: 1, batchSize: 8, seed: 0, pretrained: model }], result: { model, loss },
  })),
  trainSkipGram: fc.tuple(fc.array(fc.string(), { maxLength: 3 }), fc.float32Array({ minLength: 4, maxLength: 4, noNaN: true })).map(([texts, v]) => ({
    args: [texts, { dim: 2, window: 2, negatives: 3, epochs: 1, minCount: 1, seed: 0 }], result: { vocab: ['a', 'b'], vectors: { data: v, shape: [2, 2] } },
  })),
  searchArchitecture: fc.tuple(split, split, fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }), { maxLength: 4 })).map(([train, val, archs]) => ({
    args: [{ train, val }, { method: 'reinforce', budget: archs.length, seed: 0 }], result: { architectures: archs, rewards: archs.map(() => 0.5) },
  })),
  trainGan: fc.tuple(images(28, 28, 1), losses).map(([set, loss]) => ({
    args: [set, { steps: loss.length, batchSize: 8, seed: 0, checkpoints: [0], samplesPerCheckpoint: 1 }], result: { dLoss: loss, gLoss: loss, samples: [{ step: 0, images: set.images }] },
  })),
};
