// Contract for iust-p1-probabilistic (seed 003, IUST Deep Learning, P1): a multinomial naive Bayes
// headline classifier with Laplace smoothing, logistic regression by maximum likelihood, activation
// functions with their derivatives, and a small MLP that classifies images.
//
// Naive Bayes. Headlines are turned into words by `tokenize` below (fixed, so the grader can count
// words itself). With N_c headlines in class c out of N, n(w, c) occurrences of word w in class c,
// N_w(c) = sum over the vocabulary of n(w, c) and V the training vocabulary size:
//   log P(c)     = log(N_c / N)
//   log P(w | c) = log((n(w, c) + alpha) / (N_w(c) + alpha * V))      (Laplace / additive smoothing)
//   log P(c | h) = log P(c) + sum over the tokens w of h (with repeats) of log P(w | c), normalised
//                  over the classes; tokens outside the training vocabulary are skipped.
import type { Array2 } from '../grading/types.ts';
import type { ImageBytes, LabelledImageBytes } from './images.ts';

/** The words of a headline: lower case, "#36;"-style entity remnants removed, runs of [a-z0-9]. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().replace(/#\d+;/g, ' ').match(/[a-z0-9]+/g) ?? [];
}

export interface Headlines {
  texts: string[]; // [n]
  labels: Int32Array; // [n] classes 0..classes-1
  classes: number;
}

export interface NaiveBayesModel {
  vocabulary: string[]; // [V] every training word once, any order
  logPrior: Float64Array; // [C] log P(c)
  logLikelihood: Array2<Float64Array>; // [C, V] log P(vocabulary[v] | c)
}

export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'leaky-relu' | 'elu' | 'softplus' | 'softmax';
/** leaky-relu: x for x > 0 else 0.01 x; elu: x for x > 0 else exp(x) - 1; softmax: over each row. */
export const activationNames: readonly ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'softplus', 'softmax'];
export const LEAKY_SLOPE = 0.01;

/** Images as bytes (MNIST digits): images [n * 28 * 28], shape [n, 28, 28, 1]. */
export type Images = ImageBytes;
export type LabelledImages = LabelledImageBytes; // labels [n] digits 0..9

export interface MlpOptions {
  epochs: number;
  seed: number; // seeds initialisation and shuffling
}

/** A trained MLP as plain arrays: input pixel / 255 flattened [784] -> ReLU hidden layers -> 10 logits. */
export interface MlpWeights {
  layers: Array<{ weights: Array2; bias: Float32Array }>; // weights [in, out], bias [out]
  loss: number[]; // [epochs] mean training cross-entropy per epoch
}

export interface IustP1Probabilistic {
  /** Counts words and returns the smoothed model (alpha = 1 is the seed's Laplace smoothing). */
  naiveBayesFit(train: Headlines, alpha: number): NaiveBayesModel | Promise<NaiveBayesModel>;
  /** logPosterior [n, C] (each row's logsumexp is 0) and predictions [n] (its argmax). */
  naiveBayesPredict(model: NaiveBayesModel, texts: string[]):
    { logPosterior: Array2<Float64Array>; predictions: Int32Array } | Promise<{ logPosterior: Array2<Float64Array>; predictions: Int32Array }>;
  /**
   * Binary logistic regression, p(y=1 | x) = sigmoid(x . w[0..D-1] + w[D]); x [N, D], y [N] in {0, 1}.
   * loss = mean over N of the negative log-likelihood; gradient [D + 1] with respect to w.
   */
  logisticLossAndGradient(w: Float64Array, x: Array2<Float64Array>, y: Float64Array):
    { loss: number; gradient: Float64Array } | Promise<{ loss: number; gradient: Float64Array }>;
  /** The maximum-likelihood weights [D + 1] and the mean NLL after each iteration of the method used. */
  logisticFit(x: Array2<Float64Array>, y: Float64Array):
    { weights: Float64Array; history: Float64Array } | Promise<{ weights: Float64Array; history: Float64Array }>;
  /** y = f(x) elementwise (softmax: per row of [N, D]); same shape as x. */
  activationForward(name: ActivationName, x: Array2<Float64Array>): Array2<Float64Array> | Promise<Array2<Float64Array>>;
  /** dx = (dy/dx)^T dy: the gradient of sum(dy * f(x)) with respect to x; same shape as x. */
  activationBackward(name: ActivationName, x: Array2<Float64Array>, dy: Array2<Float64Array>): Array2<Float64Array> | Promise<Array2<Float64Array>>;
  /** Trains an MLP on labelled digits and returns its weights; the grader scores them on its test images. */
  trainMlp(train: LabelledImages, options: MlpOptions): Promise<MlpWeights>;
}

export const p1Functions = ['naiveBayesFit', 'naiveBayesPredict', 'logisticLossAndGradient', 'logisticFit',
  'activationForward', 'activationBackward', 'trainMlp'] as const;
