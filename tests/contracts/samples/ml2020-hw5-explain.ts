import fc from 'fast-check';
import { images, labels } from './shapes.ts';

// A small model artifact: topology JSON, weight specs, one weight buffer (what exportModel returns).
const artifact = fc.record({
  modelTopology: fc.record({ class_name: fc.constant('Sequential'), config: fc.record({ name: fc.string() }, { noNullPrototype: true }) }, { noNullPrototype: true }),
  weightSpecs: fc.array(fc.record({ name: fc.string(), shape: fc.array(fc.nat(8), { maxLength: 4 }), dtype: fc.constant('float32') }, { noNullPrototype: true }), { maxLength: 3 }),
  weightData: fc.uint8Array({ maxLength: 64 }).map((b) => b.slice().buffer),
}, { noNullPrototype: true });

const maps = (n: number) => fc.float32Array({ minLength: n * 1024, maxLength: n * 1024, noNaN: true }).map((data) => ({ data, shape: [n, 32, 32] }));
const filterImages = (k: number) => fc.float32Array({ minLength: k * 3072, maxLength: k * 3072, min: 0, max: 1, noNaN: true }).map((data) => ({ data, shape: [k, 32, 32, 3] }));

export const ml2020Hw5Explain = {
  saliency: fc.tuple(artifact, images(32, 32, 3)).chain(([model, batch]) => fc.tuple(labels(batch.shape[0], 10), maps(batch.shape[0])).map(([classes, m]) => ({
    args: [model, batch, classes], result: { maps: m },
  }))),
  visualizeFilters: fc.tuple(artifact, fc.array(fc.nat(63), { minLength: 1, maxLength: 3 }), fc.constantFrom('relu2', 'relu4'), fc.integer({ min: 0, max: 100 }), fc.nat()).chain(([model, filters, layer, steps, seed]) =>
    filterImages(filters.length).map((imgs) => ({ args: [model, { layer, filters, steps, seed }], result: { images: imgs } }))),
};
