// Inverted dropout's properties, checked with fast-check on the solution's outputs: inference is the
// identity; at training time every entry is exactly 0 or x / (1 - p); over R copies of one row the
// mean of each column stays within 5 standard errors of x (the expectation is kept) and the fraction
// of zeros within 5 standard errors of p.
import fc from 'fast-check';
import type { IustP2Regularization } from '../../contracts/iust-p2-regularization.ts';
import { assertClose, expectArray } from '../../grading/checks.ts';
import { RequirementFailed } from '../../grading/errors.ts';
import { checkProperty, type PropertyOptions } from '../../grading/properties.ts';
import type { Guarded } from '../../grading/solution-loader.ts';
import type { Array2 } from '../../grading/types.ts';

type Sol = Guarded<IustP2Regularization>;
const Z = 5; // standard errors allowed: a correct mask exceeds this with probability ~6e-7 per column

/** Rows [n, d] of values with |v| in [0.1, 10] and random signs (never 0, so a drop is visible). */
const matrix = fc.tuple(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 16 })).chain(([n, d]) =>
  fc.array(fc.tuple(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.boolean()), { minLength: n * d, maxLength: n * d })
    .map((v) => ({ data: Float64Array.from(v, ([m, neg]) => (neg ? -m : m)), shape: [n, d] } as Array2<Float64Array>)));
const rate = fc.double({ min: 0.05, max: 0.9, noNaN: true });
const seed = fc.integer({ min: 0, max: 2 ** 30 });

async function call(sol: Sol, x: Array2<Float64Array>, p: number, training: boolean, s: number) {
  return expectArray(await sol.dropout(x, p, { training, seed: s }), `dropout(p = ${p}, training: ${training})`, x.shape).data;
}

export interface DropoutStats { worstZ: number; worstRateZ: number }

export async function checkDropout(sol: Sol, replicas: number, opts: PropertyOptions): Promise<DropoutStats> {
  await checkProperty('inference is the identity', [matrix, rate, seed], async (x, p, s) => {
    assertClose({ data: await call(sol, x, p, false, s), shape: x.shape }, x, `dropout at inference (p = ${p})`, { rtol: 0, atol: 0 });
  }, opts);
  await checkProperty('each entry is 0 or x / (1 - p)', [matrix, rate, seed], async (x, p, s) => {
    const y = await call(sol, x, p, true, s);
    const bad = y.findIndex((v, i) => v !== 0 && Math.abs(v - x.data[i] / (1 - p)) > 1e-12 * Math.abs(x.data[i] / (1 - p)));
    if (bad >= 0) throw new RequirementFailed(`dropout(p = ${p}) turned ${x.data[bad]} into ${y[bad]}: an entry must become 0 or x / (1 - p) = ${x.data[bad] / (1 - p)}`);
  }, opts);
  const stats: DropoutStats = { worstZ: 0, worstRateZ: 0 };
  const row = fc.array(fc.tuple(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.boolean()), { minLength: 1, maxLength: 8 })
    .map((v) => Float64Array.from(v, ([m, neg]) => (neg ? -m : m)));
  await checkProperty('the mean of many masked copies is x', [row, fc.double({ min: 0.1, max: 0.8, noNaN: true }), seed], async (v, p, s) => {
    const d = v.length;
    const x = { data: Float64Array.from({ length: replicas * d }, (_, i) => v[i % d]), shape: [replicas, d] }; // [R, d]
    const y = await call(sol, x, p, true, s);
    let zeros = 0;
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let i = 0; i < replicas; i++) { sum += y[i * d + j]; if (y[i * d + j] === 0) zeros++; }
      const z = Math.abs(sum / replicas - v[j]) / ((Math.abs(v[j]) * Math.sqrt(p / (1 - p))) / Math.sqrt(replicas));
      stats.worstZ = Math.max(stats.worstZ, z);
      if (z > Z) throw new RequirementFailed(`the mean of ${replicas} masked copies of ${v[j]} is ${sum / replicas} (p = ${p}): ${z.toFixed(1)} standard errors from x; E[dropout(x)] must equal x`);
    }
    const total = replicas * d;
    const rz = Math.abs(zeros / total - p) / Math.sqrt((p * (1 - p)) / total);
    stats.worstRateZ = Math.max(stats.worstRateZ, rz);
    if (rz > Z) throw new RequirementFailed(`${zeros} of ${total} entries dropped at p = ${p} (${(zeros / total).toFixed(4)}): ${rz.toFixed(1)} standard errors from p`);
  }, opts);
  return stats;
}
