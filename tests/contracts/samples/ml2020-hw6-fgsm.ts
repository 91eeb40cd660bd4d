// Clone samples for ml2020-hw6-fgsm: the request (model artifact, images [n, h, w, c] in [0, 1],
// labels, epsilon) and the adversarial images it returns.
import fc from 'fast-check';
import { labels } from './shapes.ts';

const artifact = fc.record({
  modelTopology: fc.record({ class_name: fc.constant('Sequential'), config: fc.record({ name: fc.string() }, { noNullPrototype: true }) }, { noNullPrototype: true }),
  weightSpecs: fc.array(fc.record({ name: fc.string(), shape: fc.array(fc.nat(8), { maxLength: 4 }), dtype: fc.constant('float32') }, { noNullPrototype: true }), { maxLength: 3 }),
  weightData: fc.uint8Array({ maxLength: 64 }).map((b) => b.slice().buffer),
}, { noNullPrototype: true });

/** Unit images {data: Float32Array [n, h, w, c], shape}. */
const unitImages = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom(4, 28), fc.constantFrom(1, 3)).chain(([n, side, c]) =>
  fc.float32Array({ minLength: n * side * side * c, maxLength: n * side * side * c, min: 0, max: 1, noNaN: true })
    .map((data) => ({ data, shape: [n, side, side, c] })));

export const ml2020Hw6Fgsm = {
  fgsm: fc.tuple(artifact, unitImages, fc.double({ min: 0, max: 0.5, noNaN: true })).chain(([model, images, epsilon]) =>
    labels(images.shape[0], 10).map((y) => ({
      args: [{ model, images, labels: y, epsilon }],
      result: { data: images.data.map((v) => Math.min(1, v + epsilon)), shape: [...images.shape] },
    }))),
};
