// The gradient checker itself must pass true gradients and fail wrong ones (sign, factor, swapped).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gradientCheck } from '../../src/grading/gradient-check.ts';

// f(x) = sum_i a_i x_i^2 + log(1 + exp(x_0 x_1)): smooth, coupled, nonzero gradient.
const f = (a: number[]) => (x: Float64Array) => x.reduce((s, v, i) => s + a[i] * v * v, 0) + Math.log1p(Math.exp(x[0] * x[1]));
const grad = (a: number[], x: Float64Array) => {
  const s = 1 / (1 + Math.exp(-x[0] * x[1]));
  return Float64Array.from(x, (v, i) => 2 * a[i] * v + (i === 0 ? s * x[1] : i === 1 ? s * x[0] : 0));
};
const cases = fc.integer({ min: 2, max: 8 }).chain((n) => fc.tuple(
  fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: n, maxLength: n }),
  fc.float64Array({ minLength: n, maxLength: n, min: 0.5, max: 2, noNaN: true }),
));

describe('gradientCheck', () => {
  test('passes the true gradient (relative error < 1e-7)', async () => {
    await fc.assert(fc.asyncProperty(cases, async ([a, x]) => {
      expect((await gradientCheck(f(a), x, grad(a, x))).relativeError).toBeLessThan(1e-7);
    }), { numRuns: 100 });
  });
  test('fails a gradient with the wrong sign or a factor of 2 (relative error > 0.1)', async () => {
    await fc.assert(fc.asyncProperty(cases, async ([a, x]) => {
      const g = grad(a, x);
      expect((await gradientCheck(f(a), x, g.map((v) => -v))).relativeError).toBeGreaterThan(0.1);
      expect((await gradientCheck(f(a), x, g.map((v) => 2 * v))).relativeError).toBeGreaterThan(0.1);
    }), { numRuns: 100 });
  });
  test('names the worst coordinate, and probes a seeded subset when asked', async () => {
    const x = Float64Array.from([1, 1, 1, 1]);
    const g = grad([1, 1, 1, 1], x);
    g[2] += 1;
    const r = await gradientCheck(f([1, 1, 1, 1]), x, g);
    expect(r.worst.index).toBe(2);
    const sub = await gradientCheck(f([1, 1, 1, 1]), x, grad([1, 1, 1, 1], x), { probes: 2, pick: () => 0.3 });
    expect(sub.probed).toBe(2); // distinct coordinates even from a constant generator
    expect(sub.relativeError).toBeLessThan(1e-7);
  });
});
