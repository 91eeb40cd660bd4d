// UnsortedSegmentSum on wasm (ScatterNd route) against the cpu kernel over random cases, the
// Gather gradient that uses it, and a negative control (a last-write-wins scatter must fail).
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from '../../src/engine/kernels/index.ts';
import { makeRng } from '../../src/engine/index.ts';
import { segmentCase, type SegmentCase } from './arbitraries/segment-case.ts';

type Out = { shape: number[]; data: Float32Array | Int32Array };
type Impl = (c: SegmentCase, x: Float32Array | Int32Array) => Out;

function runOn(backendName: 'cpu' | 'wasm', c: SegmentCase, x: Float32Array | Int32Array): Out {
  const backend = tf.engine().findBackend(backendName)!;
  const before = backend.numDataIds();
  const xi = { dataId: backend.write(x, [...c.idsShape, ...c.innerShape], c.dtype), shape: [...c.idsShape, ...c.innerShape], dtype: c.dtype };
  const ids = { dataId: backend.write(Int32Array.from(c.ids), c.idsShape, 'int32'), shape: c.idsShape, dtype: 'int32' as const };
  const out = tf.getKernel('UnsortedSegmentSum', backendName)!.kernelFunc({
    inputs: { x: xi, segmentIds: ids }, backend, attrs: { numSegments: c.numSegments },
  }) as tf.TensorInfo;
  const data = (backend.readSync(out.dataId) as Float32Array | Int32Array).slice();
  for (const t of [out, xi, ids]) backend.disposeData(t.dataId);
  if (backend.numDataIds() !== before) throw new Error('UnsortedSegmentSum leaked tensors');
  return { shape: out.shape, data };
}

function sameSums(impl: Impl) {
  return fc.property(segmentCase(), (c) => {
    const rng = makeRng(c.seed);
    const size = [...c.idsShape, ...c.innerShape].reduce((a, b) => a * b, 1);
    const x = c.dtype === 'int32'
      ? Int32Array.from({ length: size }, () => Math.floor(rng() * 200) - 100)
      : Float32Array.from({ length: size }, () => rng() * 2 - 1);
    const got = impl(c, x), want = runOn('cpu', c, x);
    if (got.shape.join() !== want.shape.join()) return false;
    let d = 0, n = 0; // norm-based relative error (exact for int32)
    for (let i = 0; i < want.data.length; i++) { d += (got.data[i] - want.data[i]) ** 2; n += want.data[i] ** 2; }
    return c.dtype === 'int32' ? d === 0 : Math.sqrt(d) <= 1e-5 * Math.sqrt(n) + 1e-7;
  });
}

// These test wasm kernels whichever backend the run chose (GRADEBENCH_BACKEND may say cpu).
beforeAll(async () => {
  await import('@tensorflow/tfjs-backend-wasm');
  registerWasmTrainingKernels();
  const chosen = tf.getBackend();
  await tf.setBackend('wasm'); // initialises it, so findBackend('wasm') works
  await tf.setBackend(chosen);
});

describe('UnsortedSegmentSum on wasm', () => {
  it('matches cpu (repeated, negative and too-large ids; float32 and int32)', () => {
    fc.assert(sameSums((c, x) => runOn('wasm', c, x)), { numRuns: 300 });
  });

  it('negative control: a scatter that keeps only the last row per segment fails', () => {
    const lastWins: Impl = (c, x) => // drops every row whose id occurs again later
      runOn('wasm', { ...c, ids: c.ids.map((id, i) => (c.ids.indexOf(id, i + 1) >= 0 ? -1 : id)) }, x);
    expect(fc.check(sameSums(lastWins), { numRuns: 100, endOnFailure: true }).failed).toBe(true);
  });

  it('gives the Gather gradient on wasm (so embeddings train)', () => {
    const table = tf.variable(tf.randomNormal([7, 3], 0, 1, 'float32', 1)); // [vocab, dim]
    const idx = tf.tensor1d([1, 4, 1, 6, 1], 'int32');
    const g = tf.grad((t: tf.Tensor) => tf.gather(t, idx).mul(tf.range(0, 15).reshape([5, 3])).sum())(table);
    const want = [[0, 0, 0], [0 + 6 + 12, 1 + 7 + 13, 2 + 8 + 14], [0, 0, 0], [0, 0, 0], [3, 4, 5], [0, 0, 0], [9, 10, 11]];
    expect(g.arraySync()).toEqual(want);
    tf.dispose([table, idx, g]);
  });
});
