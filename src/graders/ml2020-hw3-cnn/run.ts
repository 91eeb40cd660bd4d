// One graded hw3 training run, shared by the requirements: load CIFAR-10 (the tier's per-class
// limits), split off validation, call the solution's train, import the model and score it on the
// test images whose labels the grader kept.
import type * as tf from '@tensorflow/tfjs';
import type { Hw3TrainResult, LabelledCifar10, Ml2020Hw3Cnn } from '../../contracts/ml2020-hw3-cnn.ts';
import { loadCifar10Jpeg } from '../../data/index.ts';
import { accuracy } from '../../grading/checks.ts';
import { importModel } from '../../grading/model-artifact.ts';
import { predictClasses, toInput } from './network.ts';
import type { Hw3Plan } from './plan.ts';
import { trainValidationSplit } from './split.ts';

export interface GradedHw3Run {
  result: Hw3TrainResult;
  model: tf.LayersModel;
  train: LabelledCifar10;
  validation: LabelledCifar10;
  testAccuracy: number;
  validationAccuracy: number; // the grader's own, of the returned model
  trainSeconds: number;
}

export async function gradedHw3Run(sol: Ml2020Hw3Cnn, plan: Hw3Plan, seed: number, progress: (m: string) => void): Promise<GradedHw3Run> {
  const data = await loadCifar10Jpeg({ trainPerClass: plan.trainPerClass, testPerClass: plan.testPerClass });
  const { train, validation } = trainValidationSplit(data.train, seed);
  progress(`training on ${train.labels.length} images, ${plan.epochs} epochs`);
  const start = performance.now();
  const result = await sol.train(train, validation, { widths: plan.widths, epochs: plan.epochs, batchSize: plan.batchSize, augment: true, seed });
  const trainSeconds = (performance.now() - start) / 1000;
  const model = await importModel(result?.model);
  const score = (set: LabelledCifar10) => {
    const x = toInput(set.images, set.labels.length);
    try { return accuracy(predictClasses(model, x), set.labels); } finally { x.dispose(); }
  };
  return { result, model, train, validation, testAccuracy: score(data.test), validationAccuracy: score(validation), trainSeconds };
}
