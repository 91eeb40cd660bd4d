// One graded training run: hand the solution labelled training images and unlabelled evaluation
// images (a probe of training images followed by the test images), check what came back, import the
// model and score it on the labels the grader kept. Every requirement reads the same runs.
import type * as tf from '@tensorflow/tfjs';
import type { LabelledImages, TrainResult, UnlabelledImages } from '../../contracts/mit-cnn-regularization.ts';
import type { ImageSet } from '../../data/index.ts';
import { accuracy, expectArray } from '../../grading/checks.ts';
import { SolutionError } from '../../grading/errors.ts';
import { importModel } from '../../grading/model-artifact.ts';
import { concatImages, predictClasses } from './evaluate.ts';

export interface GradedRun {
  name: string; // 'plain', 'batchnorm', ..., 'lstm'
  result: TrainResult;
  model: tf.LayersModel;
  trainAccuracy: number; // final model on the training images (or the grader's sample of them)
  testAccuracy: number; // final model on the test images
  curves: { loss: number[]; train: number[]; test: number[] }; // [epochs] each
  lastAgreement: number; // last epoch's test predictions vs the returned model's (honest curves: 1)
  seconds: number; // wall time of the train call
}

export interface RunData {
  train: ImageSet; // what the solution trains on
  trainScore: ImageSet; // training images the final train accuracy is measured on
  probe: ImageSet; // training images in the per-epoch curve
  test: ImageSet;
  epochs: number;
}

const strip = (s: ImageSet): UnlabelledImages => ({ images: s.images, shape: s.shape as [number, number, number, number] });

function checkResult(where: string, result: TrainResult, epochs: number, nEval: number): void {
  if (!result || typeof result !== 'object' || !result.history || !result.model) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT', 'expected {model, history: {loss}, evalPredictions}', where);
  }
  const loss = Array.from(result.history.loss ?? []);
  expectArray({ data: loss, shape: [loss.length] }, `${where} history.loss`, [epochs]);
  result.history.loss = loss;
  const preds = result.evalPredictions;
  if (!Array.isArray(preds) || preds.length !== epochs) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT', `expected ${epochs} prediction arrays (one per epoch)`, `${where} evalPredictions`);
  }
  preds.forEach((p, e) => expectArray({ data: p, shape: [p?.length] }, `${where} evalPredictions[${e}]`, [nEval]));
  result.evalPredictions = preds.map((p) => Int32Array.from(p)); // plain arrays are fine too
}

export async function gradedRun(name: string, data: RunData, call: (train: LabelledImages, evalImages: UnlabelledImages) => Promise<TrainResult>): Promise<GradedRun> {
  const where = `mit-cnn-regularization ${name === 'lstm' ? 'trainRowLstm' : `trainCnn(${name})`}`;
  const evalImages = concatImages(strip(data.probe), strip(data.test));
  const started = performance.now();
  const result = await call({ ...strip(data.train), labels: data.train.labels }, evalImages);
  const seconds = (performance.now() - started) / 1000;
  checkResult(where, result, data.epochs, evalImages.shape[0]);
  let model: tf.LayersModel;
  try {
    model = await importModel(result.model);
  } catch (e) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT', `the model artifact does not load: ${(e as Error).message}`, `${where} model`);
  }
  const k = data.probe.shape[0];
  const testPredictions = await predictClasses(model, strip(data.test));
  const train = result.evalPredictions.map((p) => accuracy(p.subarray(0, k), data.probe.labels));
  const test = result.evalPredictions.map((p) => accuracy(p.subarray(k), data.test.labels));
  return {
    name, result, model, seconds,
    trainAccuracy: accuracy(await predictClasses(model, strip(data.trainScore)), data.trainScore.labels),
    testAccuracy: accuracy(testPredictions, data.test.labels),
    curves: { loss: result.history.loss, train, test },
    lastAgreement: accuracy(result.evalPredictions[data.epochs - 1].subarray(k), testPredictions),
  };
}
