// One graded training run: hand the solution its training images (labelled) and the grader's
// validation images (unlabelled), time the call, check what came back, import the model and score
// train / validation / test accuracy on labels the grader kept. Every requirement that concerns a
// (dataset, network) pair reads the same run.
import type * as tf from '@tensorflow/tfjs';
import type { Arch, Dataset, LeidenMlpVsCnn, TrainResult } from '../../contracts/leiden-mlp-vs-cnn.ts';
import type { ImageSet } from '../../data/index.ts';
import { accuracy, expectArray } from '../../grading/checks.ts';
import { SolutionError } from '../../grading/errors.ts';
import { importModel } from '../../grading/model-artifact.ts';
import type { Guarded } from '../../grading/solution-loader.ts';
import { checkArchitecture, type ArchitectureCheck } from './architecture.ts';
import { predictClasses, scoreOn, type Split } from './evaluate.ts';

export interface RunPlan {
  epochs: number;
  batch: number;
}

export interface GradedRun {
  dataset: Dataset;
  arch: Arch;
  plan: RunPlan & { trainImages: number; validationImages: number; testImages: number; trainSample: number };
  model: tf.LayersModel;
  architecture: ArchitectureCheck;
  accuracy: { train: number; validation: number; test: number }; // all computed by the grader
  loss: number[]; // [epochs] as the solution reported it
  validationCurve: number[]; // [epochs] accuracy of the per-epoch validation predictions (grader-scored)
  lastAgreement: number; // last epoch's predictions vs the returned model's, on the validation images
  seconds: number; // wall time of the train call (includes its per-epoch predictions)
  imagesPerSec: number;
}

const where = (field: string) => `leiden-mlp-vs-cnn.train ${field}`;

function checkResult(result: TrainResult, epochs: number, nVal: number): void {
  if (!result || typeof result !== 'object' || !result.history || !Array.isArray(result.evalPredictions)) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT', 'expected {model, history: {loss}, evalPredictions}', where('result'));
  }
  const loss = Array.from(result.history.loss ?? []);
  expectArray({ data: loss, shape: [loss.length] }, where('history.loss'), [epochs]);
  result.history.loss = loss;
  if (result.evalPredictions.length !== epochs) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT', `expected ${epochs} prediction arrays (one per epoch), got ${result.evalPredictions.length}`, where('evalPredictions'));
  }
  result.evalPredictions.forEach((p, e) => expectArray({ data: p, shape: [p?.length] }, where(`evalPredictions[${e}]`), [nVal]));
}

export async function trainAndEvaluate(sol: Guarded<LeidenMlpVsCnn>, dataset: Dataset, arch: Arch, split: Split, test: ImageSet,
  plan: RunPlan, seed: number, progress: (m: string) => void): Promise<GradedRun> {
  const { train, validation, trainSample } = split;
  const n = train.shape[0];
  const name = `${dataset} ${arch.toUpperCase()}`;
  progress(`${name}: training on ${n} images for ${plan.epochs} epoch(s), batch ${plan.batch}`);
  const started = performance.now();
  const result = await sol.train({ images: train.images, shape: train.shape, labels: train.labels },
    { dataset, arch, epochs: plan.epochs, batchSize: plan.batch, seed, evalImages: { images: validation.images, shape: validation.shape } });
  const seconds = (performance.now() - started) / 1000;
  checkResult(result, plan.epochs, validation.shape[0]);
  let model: tf.LayersModel;
  try {
    model = await importModel(result.model);
  } catch (e) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT', `the model artifact does not load: ${(e as Error).message}`, where('model'));
  }
  const architecture = checkArchitecture(model, dataset, arch);
  progress(`${name}: trained in ${seconds.toFixed(0)} s; scoring`);
  // An input the model cannot take scores 0 here; the architecture requirement says why.
  const score = (set: ImageSet) => (architecture.problems.some((p) => p.startsWith('input')) ? Promise.resolve(0) : scoreOn(model, set));
  const valPredictions = architecture.problems.some((p) => p.startsWith('input')) ? new Int32Array(validation.labels.length).fill(-1) : await predictClasses(model, validation);
  const acc = { train: await score(trainSample), validation: accuracy(valPredictions, validation.labels), test: await score(test) };
  progress(`${name}: train ${acc.train.toFixed(4)}, validation ${acc.validation.toFixed(4)}, test ${acc.test.toFixed(4)}`);
  return {
    dataset, arch, model, architecture, accuracy: acc, seconds, imagesPerSec: (n * plan.epochs) / seconds,
    plan: { ...plan, trainImages: n, validationImages: validation.shape[0], testImages: test.shape[0], trainSample: trainSample.shape[0] },
    loss: result.history.loss,
    validationCurve: result.evalPredictions.map((p) => accuracy(p, validation.labels)),
    lastAgreement: accuracy(result.evalPredictions[plan.epochs - 1], valPredictions),
  };
}
