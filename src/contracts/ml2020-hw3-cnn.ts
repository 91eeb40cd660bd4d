// Contract for ml2020-hw3-cnn (seed 001, "HW3 - Image Classification with CNN"): a CNN of five
// conv + pool blocks and three dense layers, trained with data augmentation; accuracy curves.
// The seed used food-11 (11 classes, 128x128), which is not available: we use CIFAR-10 from the
// mirror's JPEG set (10 classes, 32x32). The seed's widths are too slow for wasm, so the grader
// passes the widths for each tier (the seed's are 64-128-256-512-512 and dense 1024-512).
//
// Architecture (what the grader checks in the returned model):
//   input [N,32,32,3] = pixel / 255
//   5 x { conv 3x3 'same' (widths.conv[k] filters) -> [batch norm] -> ReLU -> max pool 2 }
//   flatten -> dense widths.dense[0] ReLU -> dense widths.dense[1] ReLU -> dense 10 (logits)
// Augmentation: each image is flipped left-right with probability 1/2, then shifted by (dy, dx),
// each uniform in [-maxShift, maxShift], vacated pixels 0:
//   out[y][x][c] = f[y - dy][x - dx][c] (0 outside the image), f = the image, flipped or not.
import type { ModelArtifact } from '../grading/model-artifact.ts';
import type { ImageBytes, LabelledImageBytes } from './images.ts';

/** Bytes 0..255, NHWC: images [n * 32 * 32 * 3], shape [n, 32, 32, 3]. */
export type Cifar10Images = ImageBytes;

/** Training (or validation) images with labels [n], classes 0..9 (airplane .. truck). */
export type LabelledCifar10 = LabelledImageBytes;

export interface Hw3Widths {
  conv: [number, number, number, number, number]; // filters of the five conv layers
  dense: [number, number]; // units of the two hidden dense layers (the third dense layer has 10)
}

export interface Hw3TrainOptions {
  widths: Hw3Widths;
  epochs: number;
  batchSize: number;
  augment: boolean; // augment every training batch as `augment` does (maxShift 4)
  seed: number; // seeds initialisation, shuffling and augmentation
}

export interface Hw3TrainResult {
  model: ModelArtifact; // from exportModel(model): input [N,32,32,3] = pixel / 255, output [N,10]
  history: {
    loss: number[]; // [epochs] mean training cross-entropy over each epoch
    trainAccuracy: number[]; // [epochs] accuracy on the unaugmented training images (or a fixed subset) after each epoch
    valAccuracy: number[]; // [epochs] accuracy on the validation images after each epoch
  };
}

export interface AugmentOptions {
  maxShift: number; // >= 0
  seed: number;
}

export interface Ml2020Hw3Cnn {
  /** Augments a batch: one random flip and shift per image, as described above. Same shape out. */
  augment(batch: Cifar10Images, options: AugmentOptions): Promise<Cifar10Images> | Cifar10Images;
  /** Trains the network on train; reports the curves on train and validation after every epoch. */
  train(train: LabelledCifar10, validation: LabelledCifar10, options: Hw3TrainOptions): Promise<Hw3TrainResult>;
}

export const hw3Functions = ['augment', 'train'] as const;
