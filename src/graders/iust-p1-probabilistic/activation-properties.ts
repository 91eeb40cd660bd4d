// Properties every activation must have, checked with fast-check on the solution's outputs: forward
// values equal the grader's, softmax rows are distributions invariant to a shift of the row, large
// inputs stay finite, sigmoid' = s (1 - s) and tanh' = 1 - t^2, outputs lie in their ranges and
// elementwise activations never decrease. Plus the figures of each function and its derivative.
import fc from 'fast-check';
import { writeFile } from 'node:fs/promises';
import { activationNames, type ActivationName, type IustP1Probabilistic } from '../../contracts/iust-p1-probabilistic.ts';
import { assertClose, expectArray } from '../../grading/checks.ts';
import { RequirementFailed } from '../../grading/errors.ts';
import { checkProperty, type PropertyOptions } from '../../grading/properties.ts';
import type { Guarded } from '../../grading/solution-loader.ts';
import type { RequirementContext } from '../../grading/spec.ts';
import type { Array2 } from '../../grading/types.ts';
import { lineChart } from '../../report/charts.ts';
import { referenceForward } from './activations.ts';
import { gaussianMatrix } from './arbitraries.ts';

type Sol = Guarded<IustP1Probabilistic>;
const ones = (x: Array2<Float64Array>) => ({ data: new Float64Array(x.data.length).fill(1), shape: x.shape });

const ranges: Record<ActivationName, (x: number, y: number) => boolean> = {
  sigmoid: (_, y) => y >= 0 && y <= 1,
  tanh: (_, y) => y >= -1 && y <= 1,
  relu: (x, y) => y >= 0 && y >= x,
  'leaky-relu': (x, y) => Math.sign(y) === Math.sign(x),
  elu: (_, y) => y >= -1,
  softplus: (x, y) => y >= 0 && y >= x - 1e-12 * Math.abs(x),
  softmax: (_, y) => y >= 0 && y <= 1,
};

async function forward(sol: Sol, name: ActivationName, x: Array2<Float64Array>) {
  return expectArray(await sol.activationForward(name, x), `activationForward('${name}')`, x.shape).data as Float64Array;
}

export async function checkActivationProperties(sol: Sol, opts: PropertyOptions): Promise<void> {
  const matrices = gaussianMatrix(6, 8, 10);
  await checkProperty('forward values, ranges and monotonicity', [matrices, fc.constantFrom(...activationNames)], async (x, name) => {
    const y = await forward(sol, name, x);
    assertClose({ data: y, shape: x.shape }, { data: referenceForward(name, x), shape: x.shape }, `${name}(x)`, { rtol: 1e-9, atol: 1e-12 });
    const bad = x.data.findIndex((v, i) => !ranges[name](v, y[i]));
    if (bad >= 0) throw new RequirementFailed(`${name}(${x.data[bad]}) = ${y[bad]} is outside the function's range`);
    if (name === 'softmax') return;
    const sorted = Float64Array.from(x.data).sort();
    const ys = await forward(sol, name, { data: sorted, shape: [1, sorted.length] });
    const drop = ys.findIndex((v, i) => i > 0 && v < ys[i - 1]);
    if (drop > 0) throw new RequirementFailed(`${name} decreases: f(${sorted[drop - 1]}) = ${ys[drop - 1]} > f(${sorted[drop]}) = ${ys[drop]}`);
  }, opts);
  await checkProperty('softmax rows sum to 1 and ignore a shift of the row', [matrices, fc.double({ min: -500, max: 500, noNaN: true })], async (x, c) => {
    const [n, d] = x.shape;
    const s = await forward(sol, 'softmax', x);
    for (let i = 0; i < n; i++) {
      const sum = s.subarray(i * d, (i + 1) * d).reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > 1e-12 * d) throw new RequirementFailed(`softmax row ${i} sums to ${sum}, not 1`);
    }
    const shifted = await forward(sol, 'softmax', { data: x.data.map((v) => v + c), shape: x.shape });
    assertClose({ data: shifted, shape: x.shape }, { data: s, shape: x.shape }, `softmax(x + ${c}) vs softmax(x)`, { rtol: 1e-6, atol: 1e-9 });
  }, opts);
  // Large inputs stay finite: exp(1000) overflows unless the function is written to avoid it.
  const extremes = { data: Float64Array.from([1000, -1000, 0, 1, -1000, 1000, 720, -720]), shape: [2, 4] };
  await checkProperty('large inputs stay finite', [gaussianMatrix(4, 8, 400)], async (random) => {
    for (const x of [extremes, random]) {
      for (const name of activationNames) {
        await forward(sol, name, x); // expectArray rejects NaN and infinities
        expectArray(await sol.activationBackward(name, x, ones(x)), `activationBackward('${name}') at large inputs`, x.shape);
      }
    }
  }, opts);
  await checkProperty("sigmoid' = s(1 - s) and tanh' = 1 - t^2", [matrices], async (x) => {
    for (const [name, d] of [['sigmoid', (s: number) => s * (1 - s)], ['tanh', (t: number) => 1 - t * t]] as const) {
      const y = await forward(sol, name, x);
      const dx = expectArray(await sol.activationBackward(name, x, ones(x)), `activationBackward('${name}')`, x.shape);
      assertClose(dx, { data: y.map(d), shape: x.shape }, `${name}'(x) from the backward pass with dy = 1`, { rtol: 1e-9, atol: 1e-15 });
    }
  }, opts);
}

/** Each elementwise activation and its derivative on [-4, 4], as the solution computes them. */
export async function activationFigures(sol: Sol, r: RequirementContext): Promise<void> {
  const grid = Float64Array.from({ length: 161 }, (_, i) => -4 + i * 0.05);
  const x = { data: grid, shape: [1, grid.length] };
  const names = activationNames.filter((n) => n !== 'softmax');
  const f = await Promise.all(names.map(async (name) => ({ name, x: grid, y: await forward(sol, name, x) })));
  const df = await Promise.all(names.map(async (name) => ({ name, x: grid, y: (await sol.activationBackward(name, x, ones(x))).data })));
  await r.figure('activations.svg', async (file) => writeFile(file, await lineChart(f, { title: 'Activation functions', xLabel: 'x', yLabel: 'f(x)' })));
  await r.figure('activation-derivatives.svg', async (file) => writeFile(file, await lineChart(df, { title: 'Their derivatives (backward pass with dy = 1)', xLabel: 'x', yLabel: "f'(x)" })));
}
