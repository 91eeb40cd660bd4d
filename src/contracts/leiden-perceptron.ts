// Contract for leiden-perceptron (seed 004, "MultiClass Perceptron"): a multi-class perceptron
// written from scratch, trained either in batch (one update per epoch) or online (one update per
// sample) mode.
//
// The perceptron is linear in a feature vector the solution chooses (raw pixels scaled to [0, 1],
// deskewed pixels, ...): features() maps images to phi [n, D], and the classifier scores a sample
// as W [C, D + 1] times [phi, 1] (bias as the last input), predicting the class with the largest
// score (ties to the lowest class index). The grader applies features() to training and test images
// itself and predicts from the weights train() returns after every epoch, so it measures the
// accuracy curves without trusting the solution's own numbers.
import type { Array2 } from '../grading/types.ts';
import type { Images, LabelledImages } from './leiden-distance-knn.ts';

export type { Images, LabelledImages };
export type PerceptronMode = 'batch' | 'online';

export interface EpochOptions {
  mode: PerceptronMode;
  lr: number; // step size of each update
}

export interface PerceptronTrainOptions {
  mode: PerceptronMode;
  epochs: number; // passes over the training set
  seed: number; // seeds the sample order (online) and anything else random
}

export interface LeidenPerceptron {
  /** images [n, 28, 28, 1] bytes -> features phi [n, D], computed per image (never from batch statistics). */
  features(images: Images): Promise<Array2<Float32Array>> | Array2<Float32Array>;
  /**
   * One pass of the plain perceptron rule, from weights W [C, d] over samples x [n, d] (bias column
   * included by the caller) with labels [n], in the given order. A sample is misclassified when the
   * arg max of W x (ties to the lowest index) is not its label y; its update is
   * W[y] += lr * x, W[pred] -= lr * x.
   * 'online': each update applies at once, before the next sample is scored.
   * 'batch': every sample is scored with the starting W, and the sum of all updates applies at the end.
   * Returns the new weights [C, d].
   */
  epoch(weights: Array2<Float64Array>, x: Array2<Float64Array>, labels: Int32Array, options: EpochOptions):
    Promise<Array2<Float64Array>> | Array2<Float64Array>;
  /**
   * Trains on the images from zero weights; returns the weights the classifier predicts with after
   * each epoch, {data, shape: [epochs, 10, D + 1]} in the feature space of features().
   */
  train(data: LabelledImages, options: PerceptronTrainOptions):
    Promise<{ weights: Array2<Float32Array> }> | { weights: Array2<Float32Array> };
}

export const perceptronFunctions = ['features', 'epoch', 'train'] as const;
