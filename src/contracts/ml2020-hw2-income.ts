// Contract for ml2020-hw2-income (seed 001, "HW2 - 2-class Classification"): does a person earn more
// than 50K a year? Two linear classifiers on the same features: the probabilistic generative model
// (a Gaussian per class with one shared covariance, fitted in closed form) and logistic regression
// trained by gradient descent.
//
// The homework handed out ready-made X / Y files (one-hot census records); those are not available,
// so the grader builds the same kind of matrix from UCI Adult (the same census source) and passes it
// in: numeric columns standardised with the training split's mean and std, each categorical column
// one-hot (a missing '?' is a category of its own). y is 1 for '>50K', 0 for '<=50K'.
//
// A linear classifier is one flat vector theta [D + 1]: weights for the D features, then the bias
// last; P(y = 1 | x) = sigmoid(x . theta[0..D) + theta[D]).
import type { Array2 } from '../grading/types.ts';

/** The shared-covariance Gaussian model's maximum-likelihood parameters. */
export interface GaussianParams {
  means: Array2<Float64Array>; // [2, D]: row k is the mean of class k's x
  covariance: Array2<Float64Array>; // [D, D]: (N0 * Sigma0 + N1 * Sigma1) / N, each Sigma_k the MLE (divide by N_k)
  priors: Float64Array; // [2]: N_k / N
}

export interface LogisticOptions {
  lr: number; // initial step size; the homework's sample decays it as lr / sqrt(step)
  epochs: number; // passes over the shuffled training rows
  batchSize: number;
  seed: number; // seeds the initial weights (if not zero) and the shuffling
}

export interface LogisticResult {
  weights: Float64Array; // theta [D + 1]
  lossCurve: Float64Array; // [epochs]: mean cross-entropy on the training rows after each epoch
}

export interface Ml2020Hw2Income {
  /** Closed-form MLE of class means, shared covariance and priors from x [N, D], y [N] in {0, 1}. */
  fitGenerative(x: Array2<Float64Array>, y: Float64Array): Promise<GaussianParams> | GaussianParams;
  /**
   * The generative model's posterior as a linear classifier: theta [D + 1] with
   * P(y = 1 | x) = sigmoid(x . w + b) by Bayes' rule on the two Gaussians (w = Sigma^-1 (mu1 - mu0),
   * b from the means and log prior ratio). Sigma may be singular (one-hot columns sum to 1): use a
   * pseudo-inverse or a tiny ridge, as the homework did.
   */
  generativeWeights(params: GaussianParams): Promise<Float64Array> | Float64Array;
  /** P(y = 1 | x) = sigmoid(x . w + b) for x [N, D] -> [N]; must stay in [0, 1] for any finite logit. */
  predictProba(theta: Float64Array, x: Array2<Float64Array>): Promise<Float64Array> | Float64Array;
  /** Mean binary cross-entropy over N and its gradient [D + 1] at theta. */
  logisticLossAndGradient(theta: Float64Array, x: Array2<Float64Array>, y: Float64Array):
    Promise<{ loss: number; gradient: Float64Array }> | { loss: number; gradient: Float64Array };
  /** Logistic regression by mini-batch gradient descent on the cross-entropy. */
  fitLogistic(x: Array2<Float64Array>, y: Float64Array, opts: LogisticOptions): Promise<LogisticResult> | LogisticResult;
}

export const incomeFunctions = ['fitGenerative', 'generativeWeights', 'predictProba', 'logisticLossAndGradient', 'fitLogistic'] as const;
