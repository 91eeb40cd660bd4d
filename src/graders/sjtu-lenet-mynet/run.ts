// One graded training run: hand the solution its training images (labelled) and the test images
// (unlabelled), time the call, check the shape of what came back, import the model and score it on
// the test labels the grader kept. Every requirement of a net reads the same run.
import type * as tf from '@tensorflow/tfjs';
import type { Arch, SjtuLenetMynet, TrainResult } from '../../contracts/sjtu-lenet-mynet.ts';
import type { ImageSet } from '../../data/index.ts';
import { expectArray } from '../../grading/checks.ts';
import { SolutionError } from '../../grading/errors.ts';
import { importModel } from '../../grading/model-artifact.ts';
import type { Guarded } from '../../grading/solution-loader.ts';
import { modelOutputs, score, type Evaluation } from './evaluate.ts';
import { netName } from './figures.ts';

export interface NetPlan {
  train: number; // training images (a stratified subset below 60,000)
  epochs: number;
  batch: number;
}

export interface GradedRun {
  arch: Arch;
  plan: NetPlan;
  result: TrainResult;
  model: tf.LayersModel;
  test: Evaluation; // the grader's scoring of the final model on its test images
  testLabels: Int32Array;
  seconds: number; // wall time of the train call (includes the solution's per-epoch predictions)
  imagesPerSec: number; // training images seen / seconds
}

const where = (field: string) => `sjtu-lenet-mynet.train ${field}`;

/** Checks a per-epoch series: `epochs` finite numbers. */
function expectSeries(value: unknown, field: string, epochs: number): number[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT', `expected an array of ${epochs} numbers (one per epoch)`, where(field));
  }
  const data = Array.from(value as ArrayLike<number>);
  expectArray({ data, shape: [data.length] }, where(field), [epochs]);
  return data;
}

function checkResult(result: TrainResult, epochs: number, nTest: number): void {
  if (!result || typeof result !== 'object' || !result.history) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT', 'expected {model, history: {loss, trainAccuracy}, evalPredictions}', where('result'));
  }
  const norm = result.normalization;
  if (norm !== undefined && !(Number.isFinite(norm?.mean) && Number.isFinite(norm?.std) && norm.std > 0)) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT', `expected {mean, std} with std > 0, got ${JSON.stringify(norm)}`, where('normalization'));
  }
  result.history.loss = expectSeries(result.history.loss, 'history.loss', epochs);
  result.history.trainAccuracy = expectSeries(result.history.trainAccuracy, 'history.trainAccuracy', epochs);
  const preds = result.evalPredictions;
  if (preds === undefined) return;
  if (!Array.isArray(preds) || preds.length !== epochs) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT', `expected ${epochs} prediction arrays (one per epoch)`, where('evalPredictions'));
  }
  preds.forEach((p, e) => expectArray({ data: p, shape: [p?.length] }, where(`evalPredictions[${e}]`), [nTest]));
}

export async function trainAndEvaluate(sol: Guarded<SjtuLenetMynet>, arch: Arch, train: ImageSet, test: ImageSet,
  plan: NetPlan, seed: number, progress: (m: string) => void): Promise<GradedRun> {
  const n = train.shape[0];
  progress(`training ${netName[arch]} on ${n} images for ${plan.epochs} epoch(s), batch ${plan.batch}`);
  const started = performance.now();
  const result = await sol.train({ images: train.images, shape: train.shape, labels: train.labels },
    { arch, epochs: plan.epochs, batchSize: plan.batch, seed, evalImages: { images: test.images, shape: test.shape } });
  const seconds = (performance.now() - started) / 1000;
  checkResult(result, plan.epochs, test.shape[0]);
  let model: tf.LayersModel;
  try {
    model = await importModel(result.model);
  } catch (e) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT', `the model artifact does not load: ${(e as Error).message}`, where('model'));
  }
  const evaluation = score(await modelOutputs(model, test, result.normalization), test.labels);
  progress(`${netName[arch]}: test accuracy ${evaluation.accuracy.toFixed(4)} after ${seconds.toFixed(0)} s (${(n * plan.epochs / seconds).toFixed(0)} images/s)`);
  return { arch, plan, result, model, test: evaluation, testLabels: test.labels, seconds, imagesPerSec: (n * plan.epochs) / seconds };
}
