// Contract for iust-p2-regularization (seed 003, IUST Deep Learning, P2): inverted dropout, k-NN's
// bias and variance as K varies, L1 against L2 penalties, the knowledge-distillation loss, an
// optimizer comparison and an MLP that overfits a small Fashion-MNIST subset and recovers.
//
// Distillation loss (Hinton et al. 2015), for student logits s, teacher logits t [N, C], labels y:
//   L = mean over the N rows of  alpha * T^2 * KL(softmax(t / T) || softmax(s / T))
//                              + (1 - alpha) * CE(softmax(s), y)
// The T^2 keeps the soft term's gradient on the scale of the hard term's as T grows.
import type { Array2 } from '../grading/types.ts';
import type { LabelledImageBytes } from './images.ts';

export interface DropoutOptions {
  training: boolean; // false: inference, the identity
  seed: number; // seeds the mask
}

/** Features with labels: x [N, D] (pixels / 255 for images), labels [N]. */
export interface LabelledPoints {
  x: Array2;
  labels: Int32Array;
}

export type Penalty = 'l1' | 'l2';
export interface PenalizedOptions {
  penalty: Penalty; // 'l1': lambda * sum |w_j|; 'l2': lambda * sum w_j^2 (never on the bias)
  lambda: number;
  seed: number;
}

/** Binary logistic regression p(y = 1 | x) = sigmoid(x . weights + bias), minimising mean NLL + penalty. */
export interface LinearModel {
  weights: Float64Array; // [D]
  bias: number;
}

export interface DistillationOptions {
  temperature: number; // T >= 1
  alpha: number; // weight of the soft (teacher) term, in [0, 1]
}

/** Byte images (Fashion-MNIST): images [n * 28 * 28], shape [n, 28, 28, 1], labels [n] 0..9. */
export type LabelledImages = LabelledImageBytes;

export type OptimizerName = 'sgd' | 'momentum' | 'adam';
export interface MlpTrainOptions {
  optimizer: OptimizerName; // momentum: heavy ball with 0.9; adam: beta1 0.9, beta2 0.999
  learningRate: number;
  epochs: number;
  batchSize: number;
  hidden: number[]; // widths of the ReLU hidden layers
  seed: number; // seeds initialisation, shuffling, dropout and augmentation
  dropout?: number; // inverted dropout rate after each hidden layer; default 0
  l2?: number; // adds l2 * sum of squared kernel weights to the loss; default 0
  augment?: boolean; // each epoch, every image shifted by up to 1 pixel each way and flipped left-right with probability 1/2
}

/** A trained MLP as plain arrays: pixel / 255 flattened [784] -> ReLU hidden layers -> 10 logits. */
export interface MlpResult {
  layers: Array<{ weights: Array2; bias: Float32Array }>; // weights [in, out], bias [out]
  loss: number[]; // [epochs] mean training loss per epoch (cross-entropy, plus the penalty if any)
}

export interface IustP2Regularization {
  /** Inverted dropout on x [N, D]: training keeps each entry with probability 1 - p and divides it by 1 - p. */
  dropout(x: Array2<Float64Array>, p: number, options: DropoutOptions): Array2<Float64Array> | Promise<Array2<Float64Array>>;
  /**
   * k-NN by Euclidean distance with every training point a candidate (a query that is a training point
   * is its own nearest neighbour). Returns the predicted labels [ks.length, M] for queries [M, D].
   */
  knnPredict(train: LabelledPoints, queries: Array2, ks: number[]): Array2<Int32Array> | Promise<Array2<Int32Array>>;
  /** Fits the penalised logistic regression to labels 0/1. */
  trainPenalized(data: LabelledPoints, options: PenalizedOptions): LinearModel | Promise<LinearModel>;
  /** The loss above and its gradient with respect to the student logits [N, C]. */
  distillationLoss(student: Array2<Float64Array>, teacher: Array2<Float64Array>, labels: Int32Array, options: DistillationOptions):
    { loss: number; gradient: Array2<Float64Array> } | Promise<{ loss: number; gradient: Array2<Float64Array> }>;
  /** Trains an MLP on labelled images (softmax cross-entropy) and returns its weights. */
  trainMlp(train: LabelledImages, options: MlpTrainOptions): Promise<MlpResult>;
}

export const p2Functions = ['dropout', 'knnPredict', 'trainPenalized', 'distillationLoss', 'trainMlp'] as const;
