import fc from 'fast-check';
import { images, labels } from './shapes.ts';

// A small model artifact: topology JSON, weight specs, one weight buffer (what exportModel returns).
const artifact = fc.record({
  modelTopology: fc.record({ class_name: fc.constant('Sequential'), config: fc.record({ name: fc.string() }, { noNullPrototype: true }) }, { noNullPrototype: true }),
  weightSpecs: fc.array(fc.record({ name: fc.string(), shape: fc.array(fc.nat(8), { maxLength: 4 }), dtype: fc.constant('float32') }, { noNullPrototype: true }), { maxLength: 3 }),
  weightData: fc.uint8Array({ maxLength: 64 }).map((b) => b.slice().buffer),
}, { noNullPrototype: true });

const common = { epochs: fc.integer({ min: 1, max: 3 }), batchSize: fc.integer({ min: 1, max: 128 }), seed: fc.nat() };
const cnnOptions = fc.record({ ...common, variant: fc.constantFrom('plain', 'batchnorm', 'dropout', 'l2', 'stride'), dropout: fc.double({ min: 0, max: 0.9, noNaN: true }), l2: fc.double({ min: 0, max: 0.1, noNaN: true }) }, { noNullPrototype: true });
const lstmOptions = fc.record({ ...common, units: fc.integer({ min: 1, max: 128 }) }, { noNullPrototype: true });

/** A call on a labelled set, with the same images as evalImages, and a result for `epochs` epochs. */
const call = (options: fc.Arbitrary<{ epochs: number }>) =>
  fc.tuple(images(28, 28, 1), options, artifact).chain(([set, opts, model]) =>
    labels(set.shape[0], 10).map((y) => ({
      args: [{ ...set, labels: y }, { ...opts, evalImages: set }],
      result: { model, history: { loss: Array.from({ length: opts.epochs }, (_, e) => 2.3 / (e + 1)) }, evalPredictions: Array.from({ length: opts.epochs }, () => y) },
    })));

export const mitCnnRegularization = { trainCnn: call(cnnOptions), trainRowLstm: call(lstmOptions) };
