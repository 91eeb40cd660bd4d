// Clone samples for iust-p3-cnn: every contract function's arguments and result.
import fc from 'fast-check';
import { images, labels } from './shapes.ts';

const f64 = (n: number) => fc.float64Array({ minLength: n, maxLength: n, noNaN: true });
const tensor4 = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }))
  .chain((shape) => f64(shape.reduce((a, b) => a * b, 1)).map((data) => ({ data, shape: [...shape] })));
const params = fc.record({ stride: fc.integer({ min: 1, max: 3 }), pad: fc.nat(2) }, { noNullPrototype: true });
const cache = fc.record({ x: tensor4, w: tensor4, b: f64(3), params }, { noNullPrototype: true });
const shape3 = fc.tuple(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }));
const info = fc.record({ outputShape: shape3, params: fc.nat() }, { noNullPrototype: true });
const artifact = fc.integer({ min: 1, max: 8 }).map((n) => ({
  modelTopology: { class_name: 'Sequential', config: { layers: [] } },
  weightSpecs: [{ name: 'dense/kernel', shape: [n], dtype: 'float32' as const }],
  weightData: new Float32Array(n).fill(0.5).buffer,
}));

export const iustP3Cnn = {
  saddleDescent: fc.record({
    optimizer: fc.constantFrom('sgd', 'momentum', 'adam'), start: fc.tuple(fc.double({ noNaN: true }), fc.double({ noNaN: true })),
    learningRate: fc.double({ min: 0, max: 1, noNaN: true }), steps: fc.nat(20), momentum: fc.constant(0.9), beta1: fc.constant(0.9), beta2: fc.constant(0.999), epsilon: fc.constant(1e-8),
  }, { noNullPrototype: true }).chain((o) => f64(2 * (o.steps + 1)).map((data) => ({ args: [o], result: { path: { data, shape: [o.steps + 1, 2] } } }))),
  convForward: fc.tuple(cache, tensor4).map(([c, out]) => ({ args: [c.x, c.w, c.b, c.params], result: { out, cache: c } })),
  convBackward: fc.tuple(tensor4, cache).map(([dout, c]) => ({ args: [dout, c], result: { dx: c.x, dw: c.w, db: c.b } })),
  convLayerInfo: fc.tuple(fc.record({
    inputShape: shape3, filters: fc.integer({ min: 1, max: 64 }), kernelSize: fc.integer({ min: 1, max: 7 }), strides: fc.integer({ min: 1, max: 4 }),
    padding: fc.constantFrom('valid', 'same'), useBias: fc.boolean(),
  }, { noNullPrototype: true }), info).map(([config, result]) => ({ args: [config], result })),
  inceptionInfo: fc.tuple(fc.record({
    inputShape: shape3, out1x1: fc.nat(64), reduce3x3: fc.nat(64), out3x3: fc.nat(64), reduce5x5: fc.nat(64), out5x5: fc.nat(64), poolProj: fc.nat(64), strides: fc.integer({ min: 1, max: 3 }),
  }, { noNullPrototype: true }), info).map(([config, result]) => ({ args: [config], result })),
  splitBrainMri: fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.array(fc.string({ minLength: 8, maxLength: 8 }), { minLength: n, maxLength: n }), labels(n, 2))
    .map(([sha256, l]) => ({ args: [{ sha256, labels: l, testFraction: 0.25, seed: 0 }], result: { train: Int32Array.from({ length: n }, (_, i) => i), test: new Int32Array(0) } }))),
  trainBrainMri: fc.tuple(images(8, 8, 1), artifact).chain(([im, model]) => labels(im.shape[0], 2).map((l) => ({
    args: [{ ...im, labels: l }, { epochs: 1, seed: 0 }], result: { model },
  }))),
};
