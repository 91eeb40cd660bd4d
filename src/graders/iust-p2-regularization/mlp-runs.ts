// The MLP experiments: the solution trains, the grader scores the returned weights on the training
// images and on test images whose labels it kept (accuracy and cross-entropy), so a generalisation
// gap or a final training loss is the grader's number, not the solution's.
import type { IustP2Regularization, LabelledImages, MlpTrainOptions } from '../../contracts/iust-p2-regularization.ts';
import type { ImageSet } from '../../data/index.ts';
import { accuracy } from '../../grading/checks.ts';
import { expectArray } from '../../grading/checks.ts';
import type { Guarded } from '../../grading/solution-loader.ts';
import { argmaxRows, checkMlp, crossEntropy, mlpLogits } from '../iust-p1-probabilistic/mlp.ts';

export interface MlpScore {
  trainAccuracy: number;
  testAccuracy: number;
  trainLoss: number; // mean cross-entropy on the training images (no penalty)
  testLoss: number;
  gap: number; // trainAccuracy - testAccuracy
  epochLoss: number[]; // what the solution reported per epoch
  widths: number[];
}

export const labelled = (s: ImageSet): LabelledImages => ({ images: s.images, shape: s.shape, labels: s.labels });

/** Trains one configuration and scores it. */
export async function trainAndScore(sol: Guarded<IustP2Regularization>, train: ImageSet, test: ImageSet, options: MlpTrainOptions): Promise<MlpScore> {
  const out = await sol.trainMlp(labelled(train), options);
  const where = `trainMlp(${JSON.stringify(options)})`;
  const widths = checkMlp(out?.layers, 784, 10, where);
  expectArray({ data: out.loss, shape: [out.loss?.length] }, `${where} loss`, [options.epochs]);
  const score = async (s: ImageSet) => {
    const logits = await mlpLogits(out.layers, s.images, s.shape[0]);
    return { acc: accuracy(argmaxRows(logits, 10), s.labels), loss: crossEntropy(logits, s.labels, 10) };
  };
  const [tr, te] = [await score(train), await score(test)];
  return { trainAccuracy: tr.acc, testAccuracy: te.acc, trainLoss: tr.loss, testLoss: te.loss, gap: tr.acc - te.acc, epochLoss: Array.from(out.loss), widths };
}
