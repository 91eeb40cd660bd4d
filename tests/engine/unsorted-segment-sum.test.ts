// UnsortedSegmentSum on wasm (ScatterNd route) against the cpu kernel over random cases, the
// Gather gradient that uses it, and a negative control (a last-write-wins scatter must fail).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { runOn, useWasmKernels } from './run-kernel.ts';
import { makeRng } from '../../src/engine/index.ts';
import { segmentCase, type SegmentCase } from './arbitraries/segment-case.ts';

type Out = { shape: number[]; data: Float32Array | Int32Array };
type Impl = (c: SegmentCase, x: Float32Array | Int32Array) => Out;

/** The kernel on one backend for case c with values x (freed inputs and leaks checked by runOn). */
function segmentSumOn(backendName: 'cpu' | 'wasm', c: SegmentCase, x: Float32Array | Int32Array): Out {
  return runOn(backendName, 'UnsortedSegmentSum', {
    x: { shape: [...c.idsShape, ...c.innerShape], data: x, dtype: c.dtype },
    segmentIds: { shape: c.idsShape, data: Int32Array.from(c.ids), dtype: 'int32' },
  }, { numSegments: c.numSegments });
}

function sameSums(impl: Impl) {
  return fc.property(segmentCase(), (c) => {
    const rng = makeRng(c.seed);
    const size = [...c.idsShape, ...c.innerShape].reduce((a, b) => a * b, 1);
    const x = c.dtype === 'int32'
      ? Int32Array.from({ length: size }, () => Math.floor(rng() * 200) - 100)
      : Float32Array.from({ length: size }, () => rng() * 2 - 1);
    const got = impl(c, x), want = segmentSumOn('cpu', c, x);
    if (got.shape.join() !== want.shape.join()) return false;
    let d = 0, n = 0; // norm-based relative error (exact for int32)
    for (let i = 0; i < want.data.length; i++) { d += (got.data[i] - want.data[i]) ** 2; n += want.data[i] ** 2; }
    return c.dtype === 'int32' ? d === 0 : Math.sqrt(d) <= 1e-5 * Math.sqrt(n) + 1e-7;
  });
}

useWasmKernels();

describe('UnsortedSegmentSum on wasm', () => {
  it('matches cpu (repeated, negative and too-large ids; float32 and int32)', () => {
    fc.assert(sameSums((c, x) => segmentSumOn('wasm', c, x)), { numRuns: 300 });
  });

  it('negative control: a scatter that keeps only the last row per segment fails', () => {
    const lastWins: Impl = (c, x) => // drops every row whose id occurs again later
      segmentSumOn('wasm', { ...c, ids: c.ids.map((id, i) => (c.ids.indexOf(id, i + 1) >= 0 ? -1 : id)) }, x);
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
