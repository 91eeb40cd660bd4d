// Contract for sjtu-lenet-mynet (seed 002, "Fashion-MNIST clothing classification"): train the
// seed's LeNet and its MyNet on Fashion-MNIST and hand back the trained model as data.
//
// The grader keeps the test labels. It passes the test images without labels (evalImages), gets
// back the model artifact and the per-epoch predictions on those images, and computes every figure
// itself: test accuracy, the per-epoch test-accuracy curve, the architecture check, and the PCA and
// t-SNE maps of the output layer (logits).
//
// Model input. The model takes pixels scaled as x = (pixel / 255 - mean) / std (mean 0, std 1
// unless `normalization` says otherwise), shaped either
//   [N, 28, 28, 1]  Fashion-MNIST as stored, or
//   [N, 32, 32, 1]  the same padded with 2 black pixels (byte 0) on each side (the seed's MyNet input);
// the grader reads the model's input shape and pads when it is 32x32. The model's output is
// [N, 10]: logits (or probabilities); the grader takes the argmax and embeds these 10 values.
import type { ModelArtifact } from '../grading/model-artifact.ts';
import type { ImageBytes, LabelledImageBytes } from './images.ts';

export type Arch = 'lenet' | 'mynet';

/** Unlabelled images, bytes 0..255 NHWC: images [n * 28 * 28], shape [n, 28, 28, 1]. */
export type FashionImages = ImageBytes;

/** Training images with their labels [n], classes 0..9 (T-shirt/top .. Ankle boot). */
export type LabelledImages = LabelledImageBytes;

export interface TrainOptions {
  arch: Arch; // 'lenet': LeNet-5 as in the seed; 'mynet': conv 32-64-64 k3 p1 + BN, dense 4096-128-10
  epochs: number; // passes over the training images
  batchSize: number;
  seed: number; // seeds initialisation and shuffling
  /** Test images without labels: predict them after every epoch (the accuracy curve's test line). */
  evalImages?: FashionImages;
}

export interface TrainResult {
  model: ModelArtifact; // from exportModel(model); input and output as described above
  normalization?: { mean: number; std: number }; // how the model wants its pixels; default {0, 1}
  history: {
    loss: number[]; // [epochs] mean training cross-entropy over each epoch
    trainAccuracy: number[]; // [epochs] accuracy on the training images (or a fixed subset) after each epoch
  };
  /** [epochs] of Int32Array [evalImages n]: the predicted class of each eval image after each epoch. */
  evalPredictions?: Int32Array[];
}

export interface SjtuLenetMynet {
  train(data: LabelledImages, options: TrainOptions): Promise<TrainResult>;
}

export const sjtuFunctions = ['train'] as const;

/** What the architecture check expects (CATALOG "Reference architectures"). */
export const referenceArchitectures = {
  // conv 6 5x5 'same' on 28x28 (or 'valid' on 32x32) -> 28x28x6, pool -> 14x14x6,
  // conv 16 5x5 valid -> 10x10x16, pool -> 5x5x16 = 400, dense 120, 84, 10.
  lenet: {
    kernels: [[5, 5, 1, 6], [5, 5, 6, 16], [400, 120], [120, 84], [84, 10]],
    pools: 2, batchNorms: 0, params: 61_706,
  },
  // conv 32/64/64 3x3 pad 1 each + batch norm, pools after the first two: 32 -> 16 -> 8,
  // flatten 8x8x64 = 4096, dense 128, 10. Params count batch norm's moving mean and variance.
  mynet: {
    kernels: [[3, 3, 1, 32], [3, 3, 32, 64], [3, 3, 64, 64], [4096, 128], [128, 10]],
    pools: 2, batchNorms: 3, params: 582_090,
  },
} as const;
