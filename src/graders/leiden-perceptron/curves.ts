// Runs a solution's train() once per (mode, subset seed) and turns the per-epoch weights into the
// grader's own accuracy curves on train and test. Three requirements read the same runs, so they
// are memoised per spec file.
import type { Guarded } from '../../grading/solution-loader.ts';
import type { LeidenPerceptron, PerceptronMode } from '../../contracts/leiden-perceptron.ts';
import { expectArray } from '../../grading/checks.ts';
import { labelled, subsets, unlabelled } from '../leiden-distance-knn/data.ts';
import { accuracyPerEpoch } from './rule.ts';

export interface Curves {
  seed: number;
  train: number[]; // accuracy after each epoch [E]
  test: number[];
  nTrain: number;
  nTest: number;
  seconds: number;
}

const memo = new WeakMap<object, Map<string, Promise<Curves>>>(); // per solution, per run

export function curvesFor(sol: Guarded<LeidenPerceptron>, mode: PerceptronMode, seed: number, epochs: number): Promise<Curves> {
  if (!memo.has(sol)) memo.set(sol, new Map());
  const runs = memo.get(sol)!, key = `${mode}:${seed}:${epochs}`;
  if (!runs.has(key)) runs.set(key, measure(sol, mode, seed, epochs));
  return runs.get(key)!;
}

async function measure(sol: Guarded<LeidenPerceptron>, mode: PerceptronMode, seed: number, epochs: number): Promise<Curves> {
  const { train, test } = await subsets(seed);
  const t0 = performance.now();
  const { weights } = await sol.train(labelled(train), { mode, epochs, seed });
  const seconds = (performance.now() - t0) / 1000;
  const phiTrain = expectArray(await sol.features(unlabelled(train)), 'leiden-perceptron.features', [train.labels.length, -1]);
  const phiTest = expectArray(await sol.features(unlabelled(test)), 'leiden-perceptron.features', [test.labels.length, phiTrain.shape[1]]);
  const w = expectArray(weights, `leiden-perceptron.train(${mode}) weights`, [epochs, 10, phiTrain.shape[1] + 1]);
  const f32 = (a: ArrayLike<number>) => (a instanceof Float32Array ? a : Float32Array.from(a));
  return {
    seed, seconds, nTrain: train.labels.length, nTest: test.labels.length,
    train: await accuracyPerEpoch(f32(w.data), w.shape, f32(phiTrain.data), train.labels),
    test: await accuracyPerEpoch(f32(w.data), w.shape, f32(phiTest.data), test.labels),
  };
}

/** Mean curve over subsets: [E] */
export const meanCurve = (curves: number[][]): number[] => curves[0].map((_, e) => curves.reduce((s, c) => s + c[e], 0) / curves.length);
