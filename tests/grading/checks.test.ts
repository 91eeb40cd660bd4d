import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { accuracy, assertClose, expectArray, unravel } from '../../src/grading/checks.ts';
import { SolutionError } from '../../src/grading/errors.ts';

describe('expectArray', () => {
  test('accepts the right shape and rejects wrong shapes, sizes and non-finite values with the name', () => {
    expect(expectArray({ data: new Float32Array(6), shape: [2, 3] }, 'f', [2, -1]).shape).toEqual([2, 3]);
    expect(() => expectArray({ data: new Float32Array(6), shape: [3, 2] }, 'sol.f', [2, 3])).toThrow(/sol.f: shape \[3,2\].*expected \[2,3\]/);
    expect(() => expectArray({ data: new Float32Array(5), shape: [2, 3] }, 'f', [2, 3])).toThrow(/5 values/);
    expect(() => expectArray({ data: Float32Array.from([1, NaN]), shape: [2] }, 'f', [2])).toThrow(/NaN at flat index 1/);
    expect(() => expectArray(undefined, 'f', [2])).toThrow(SolutionError);
  });
});

describe('assertClose', () => {
  test('reports a shape mismatch before any value', () => {
    expect(() => assertClose({ data: [1, 2], shape: [2] }, { data: [1, 2], shape: [1, 2] }, 'out')).toThrow(/out: shape \[2\] differs from expected \[1,2\]/);
  });
  test('reports the first differing element as a multi-index with actual and expected', () => {
    const e = { data: Float64Array.from([0, 1, 2, 3, 4, 5]), shape: [2, 3] };
    const a = { data: Float64Array.from([0, 1, 2, 3, 9, 5]), shape: [2, 3] };
    expect(() => assertClose(a, e, 'out')).toThrow('out: at [1,1] actual 9 vs expected 4');
  });
  test('unravel inverts row-major flattening', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }), fc.nat(), (shape, r) => {
      const size = shape.reduce((p, d) => p * d, 1);
      const flat = r % size;
      const idx = unravel(flat, shape);
      expect(idx.reduce((f, i, d) => f * shape[d] + i, 0)).toBe(flat);
    }));
  });
});

test('accuracy counts equal positions and refuses mismatched lengths', () => {
  expect(accuracy([1, 2, 3, 4], [1, 2, 0, 4])).toBe(0.75);
  expect(() => accuracy([1], [1, 2])).toThrow(/1 predictions for 2 labels/);
});
