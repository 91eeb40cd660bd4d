// Contract for mit-cnn-regularization (seed 000, MIT seminar, "Image Classfication"): the same small
// CNN trained plain, with batch norm, with dropout and with L2; downsampling by strided convolutions
// instead of pooling; and an LSTM that reads an image row by row (28 steps of 28 pixels).
//
// The grader keeps the test labels. It hands out labelled training images and unlabelled evaluation
// images, gets back each trained model as an artifact with its per-epoch predictions on the
// evaluation images, and computes every figure itself: train and test accuracy, the train-test gap,
// the weight norm, the per-epoch curves. The evaluation images may mix training images with
// held-out ones (the grader draws both curves from one set of predictions).
//
// Model inputs are pixels / 255 (no other scaling):
//   CNN variants: [N, 28, 28, 1]           LSTM: [N, 28, 28] (step t = image row t, 28 pixels)
// Outputs [N, 10]: logits or probabilities; the grader takes the argmax.
import type { ModelArtifact } from '../grading/model-artifact.ts';
import type { ImageBytes, LabelledImageBytes } from './images.ts';

/**
 * The reference design ("the same CNN"; widths are the solution's choice, but every variant must have
 * the same conv and dense kernel shapes):
 *   plain:     conv 8 3x3 'same' ReLU -> maxpool 2 -> conv 16 3x3 'same' ReLU -> maxpool 2
 *              -> flatten [N, 784] -> dense 64 ReLU -> dense 10
 *   batchnorm: batch norm after each conv (before the ReLU)
 *   dropout:   dropout(options.dropout) before each dense layer
 *   l2:        L2 penalty options.l2 * sum(w^2) on every conv and dense kernel
 *   stride:    each conv with stride 2 and no pooling (28 -> 14 -> 7: the same 784 features)
 */
export type CnnVariant = 'plain' | 'batchnorm' | 'dropout' | 'l2' | 'stride';
export const cnnVariants: readonly CnnVariant[] = ['plain', 'batchnorm', 'dropout', 'l2', 'stride'];

/** Unlabelled images, bytes 0..255 NHWC: images [n * 28 * 28], shape [n, 28, 28, 1]. */
export type UnlabelledImages = ImageBytes;

/** Training images with their labels [n], classes 0..9. */
export type LabelledImages = LabelledImageBytes;

export interface TrainOptions {
  epochs: number; // passes over the training images
  batchSize: number;
  seed: number; // seeds initialisation, dropout and shuffling
  /** Predict these after every epoch (the curves); for batch norm, after recalibrating its statistics. */
  evalImages: UnlabelledImages;
}

export interface CnnOptions extends TrainOptions {
  variant: CnnVariant;
  dropout: number; // drop probability of the 'dropout' variant (ignored by the others)
  l2: number; // penalty coefficient of the 'l2' variant (ignored by the others)
}

export interface LstmOptions extends TrainOptions {
  units: number; // LSTM hidden size; its last hidden state feeds dense 10
}

export interface TrainResult {
  model: ModelArtifact; // from exportModel(model)
  history: { loss: number[] }; // [epochs] mean training loss over each epoch (penalty included)
  evalPredictions: Int32Array[]; // [epochs] of [evalImages n]: predicted class after each epoch
}

export interface MitCnnRegularization {
  trainCnn(data: LabelledImages, options: CnnOptions): Promise<TrainResult>;
  trainRowLstm(data: LabelledImages, options: LstmOptions): Promise<TrainResult>;
}

export const mitCnnFunctions = ['trainCnn', 'trainRowLstm'] as const;
