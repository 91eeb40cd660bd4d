// Reference solution for iust-p1-probabilistic: naive Bayes and logistic regression in float64
// JavaScript, activation functions with hand-derived derivatives, and a tfjs MLP for digits.
import type { IustP1Probabilistic } from '../../src/contracts/iust-p1-probabilistic.ts';
import { activationBackward, activationForward } from './activations.ts';
import { logisticFit, logisticLossAndGradient } from './logistic.ts';
import { trainMlp } from './mlp.ts';
import { naiveBayesFit, naiveBayesPredict } from './naive-bayes.ts';

const solution: IustP1Probabilistic = {
  naiveBayesFit, naiveBayesPredict, logisticLossAndGradient, logisticFit, activationForward, activationBackward, trainMlp,
};
export default solution;
