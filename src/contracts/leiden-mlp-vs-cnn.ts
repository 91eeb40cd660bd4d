// Contract for leiden-mlp-vs-cnn (seed 004, "Fashion MNIST & CIFAR-10 - TensorFlow"): the same
// classification task on two datasets with two networks,
//   'mlp': a multi-layer perceptron with 3 hidden (dense) layers and a dense output layer;
//   'cnn': a convolutional network with 3 conv layers and 2 fully connected (dense) layers, the
//          second of them the output layer;
// on Fashion-MNIST (28x28 grey) and CIFAR-10 (32x32 RGB; here the data mirror's JPEG copy).
//
// The grader keeps every label it does not hand out. It splits the training set itself into the
// images the solution trains on (labelled) and validation images (passed without labels, for the
// per-epoch validation curve), and it never passes the test set. It imports the returned model and
// computes train, validation and test accuracy itself, as the seed's table reports them.
//
// Model input: pixels / 255 as float32 [N, H, W, C] ([N, 28, 28, 1] or [N, 32, 32, 3]), no other
// normalisation (put any in the model). Output: [N, 10] logits or probabilities (argmax = class).
import type { ModelArtifact } from '../grading/model-artifact.ts';
import type { ImageBytes, LabelledImageBytes } from './images.ts';

export type Dataset = 'fashion-mnist' | 'cifar10';
export type Arch = 'mlp' | 'cnn';

/** Unlabelled images, bytes 0..255 NHWC: images [n * H * W * C], shape [n, H, W, C]. */
export type Images = ImageBytes;

/** Training images with their labels [n], classes 0..9. */
export type LabelledImages = LabelledImageBytes;

export interface TrainOptions {
  dataset: Dataset;
  arch: Arch;
  epochs: number; // passes over the training images
  batchSize: number;
  seed: number; // seeds initialisation and shuffling
  /** Validation images without labels: predict them after every epoch (the validation curve). */
  evalImages: Images;
}

export interface TrainResult {
  model: ModelArtifact; // from exportModel(model); input and output as described above
  history: {
    loss: number[]; // [epochs] mean training cross-entropy over each epoch
  };
  /** [epochs] of Int32Array [evalImages n]: the predicted class of each validation image after each epoch. */
  evalPredictions: Int32Array[];
}

export interface LeidenMlpVsCnn {
  train(data: LabelledImages, options: TrainOptions): Promise<TrainResult>;
}

export const mlpVsCnnFunctions = ['train'] as const;

/** What the architecture check counts (layers of other kinds are free: pooling, dropout, batch norm, flatten). */
export const expectedLayers: Record<Arch, { conv: number; dense: number }> = {
  mlp: { conv: 0, dense: 4 }, // 3 hidden + output
  cnn: { conv: 3, dense: 2 }, // 1 hidden + output
};

/** Input shape [H, W, C] per dataset. */
export const inputShapes: Record<Dataset, [number, number, number]> = {
  'fashion-mnist': [28, 28, 1],
  cifar10: [32, 32, 3],
};
