// One graded attack per target network, run once and shared by the requirements: the solution's
// FGSM images at each epsilon of the curve, the grader's predictions on them, and the random-sign
// control of the same size. The solution only ever sees copies of the images and labels.
import type * as tf from '@tensorflow/tfjs';
import type { Ml2020Hw6Fgsm } from '../../contracts/ml2020-hw6-fgsm.ts';
import { expectArray } from '../../grading/checks.ts';
import { loadArtifact } from '../../grading/model-cache.ts';
import type { Guarded } from '../../grading/solution-loader.ts';
import type { Array2 } from '../../grading/types.ts';
import { checkBall, predict, randomSign, successRate, type AttackOutcome, type BallCheck, type Predictions } from './evaluate.ts';
import type { Target } from './target.ts';

/** The curve's epsilons in 1/255 units; 8 and 15 are the graded ones (15 is the seed's pixel limit). */
export const EPSILONS_255 = [1, 2, 4, 8, 15, 25];

export interface EpsilonResult {
  epsilon: number;
  fgsm: AttackOutcome;
  random: AttackOutcome;
  ball: BallCheck;
  trueBefore: number; // mean probability of the true class over originally-correct images
  trueAfter: number;
}

export interface AttackRun {
  target: Target;
  model: tf.LayersModel;
  before: Predictions;
  results: Map<number, EpsilonResult>; // by epsilon * 255
  /** The adversarial images and predictions at the seed's 15/255, for the figure. */
  adv15: Array2<Float32Array>;
  after15: Predictions;
}

/** The solution's adversarial images for target at epsilon, checked for shape and finiteness. */
export async function solutionAttack(sol: Guarded<Ml2020Hw6Fgsm>, target: Target, images: Array2<Float32Array>, labels: Int32Array, epsilon: number): Promise<Array2<Float32Array>> {
  const out = await sol.fgsm({ model: target.artifact, images: { data: images.data.slice(), shape: [...images.shape] }, labels: labels.slice(), epsilon });
  const checked = expectArray(out, 'ml2020-hw6-fgsm.fgsm', images.shape);
  return { data: new Float32Array(checked.data as ArrayLike<number>), shape: [...images.shape] }; // a copy the solution cannot touch
}

function meanTrueProbability(p: Predictions, truth: Int32Array, keep: (i: number) => boolean): number {
  let sum = 0, n = 0;
  for (let i = 0; i < truth.length; i++) if (keep(i)) { sum += p.probs[i * p.classes + truth[i]]; n++; }
  return n ? sum / n : 0;
}

export async function attackTarget(sol: Guarded<Ml2020Hw6Fgsm>, target: Target, seed: number, progress: (m: string) => void): Promise<AttackRun> {
  const model = await loadArtifact(target.artifact);
  const { images, labels } = target;
  const before = await predict(model, images);
  const wasCorrect = (i: number) => before.labels[i] === labels[i];
  const results = new Map<number, EpsilonResult>();
  let adv15 = images, after15 = before;
  for (const e255 of EPSILONS_255) {
    progress(`${target.plan.set}: FGSM and random sign at epsilon ${e255}/255 on ${labels.length} images`);
    const epsilon = e255 / 255;
    const adv = await solutionAttack(sol, target, images, labels, epsilon);
    const after = await predict(model, adv);
    const control = await predict(model, randomSign(images, epsilon, `${seed}:${e255}`));
    results.set(e255, {
      epsilon, fgsm: successRate(before.labels, after.labels, labels), random: successRate(before.labels, control.labels, labels),
      ball: checkBall(images.data, adv.data, epsilon),
      trueBefore: meanTrueProbability(before, labels, wasCorrect), trueAfter: meanTrueProbability(after, labels, wasCorrect),
    });
    if (e255 === 15) { adv15 = adv; after15 = after; }
  }
  return { target, model, before, results, adv15, after15 };
}
