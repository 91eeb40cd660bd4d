import fc from 'fast-check';
import { images, labels } from './shapes.ts';

// A small model artifact: topology JSON, weight specs, one weight buffer (what exportModel returns).
const artifact = fc.record({
  modelTopology: fc.record({ class_name: fc.constant('Sequential'), config: fc.record({ name: fc.string() }, { noNullPrototype: true }) }, { noNullPrototype: true }),
  weightSpecs: fc.array(fc.record({ name: fc.string(), shape: fc.array(fc.nat(8), { maxLength: 4 }), dtype: fc.constant('float32') }, { noNullPrototype: true }), { maxLength: 3 }),
  weightData: fc.uint8Array({ maxLength: 64 }).map((b) => b.slice().buffer),
}, { noNullPrototype: true });

const labelled = images(28, 28, 1).chain((set) => labels(set.shape[0], 10).map((y) => ({ ...set, labels: y })));
const trainOptions = fc.record({ epochs: fc.integer({ min: 1, max: 3 }), batchSize: fc.integer({ min: 1, max: 128 }), seed: fc.nat() }, { noNullPrototype: true });
const student = fc.record({ filters: fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })), dense: fc.integer({ min: 1, max: 32 }) }, { noNullPrototype: true });
const tensor = fc.record({
  name: fc.string(), shape: fc.constant([2, 3]), values: fc.oneof(fc.int8Array({ minLength: 6, maxLength: 6 }), fc.uint8Array({ minLength: 6, maxLength: 6 })),
  scale: fc.double({ min: 1e-6, max: 1, noNaN: true }), zeroPoint: fc.integer({ min: -128, max: 127 }),
}, { noNullPrototype: true });
const convSpec = fc.record({
  kind: fc.constantFrom('conv2d', 'depthwise', 'separable'), kernelSize: fc.integer({ min: 1, max: 7 }), inChannels: fc.integer({ min: 1, max: 64 }),
  outChannels: fc.integer({ min: 1, max: 64 }), depthMultiplier: fc.integer({ min: 1, max: 4 }), useBias: fc.boolean(),
}, { noNullPrototype: true });

export const ml2020Hw7Compression = {
  prune: fc.tuple(artifact, labelled, fc.double({ min: 0, max: 1, noNaN: true }), trainOptions).map(([model, data, s, o]) => ({ args: [model, data, s, o], result: { model, reportedSparsity: s } })),
  trainStudent: fc.tuple(labelled, student, trainOptions, artifact).map(([data, spec, o, model]) => ({ args: [data, spec, o], result: model })),
  distill: fc.tuple(artifact, labelled, images(28, 28, 1), student, trainOptions).map(([model, data, transfer, spec, o]) => ({
    args: [model, data, transfer, spec, { ...o, temperature: 4, alpha: 0.9 }], result: model,
  })),
  quantize: fc.tuple(artifact, fc.array(tensor, { maxLength: 3 })).map(([model, tensors]) => ({ args: [model], result: { tensors } })),
  convParams: convSpec.map((spec) => ({ args: [spec], result: spec.kernelSize ** 2 * spec.inChannels * spec.outChannels })),
  trainSeparable: fc.tuple(labelled, trainOptions, artifact).map(([data, o, model]) => ({ args: [data, o], result: model })),
};
