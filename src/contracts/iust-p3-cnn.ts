// Contract for iust-p3-cnn (seed 003, "P3": optimization and convolutional networks).
//
// Four parts, all data in and data out:
//  1. Saddle point. f(x, y) = x^2 - y^2 has a saddle at (0, 0): gradient (2x, -2y). The solution runs
//     plain gradient descent, heavy-ball momentum and Adam from the same start and returns the paths;
//     the grader replays each update rule itself and counts the steps until f < -1 (escape).
//  2. Convolution from scratch in float64 (cs231n style): convForward / convBackward, NHWC, square
//     stride and symmetric zero padding. The grader checks them against its own float64 convolution,
//     central differences, and tfjs's tf.conv2d and its gradients.
//  3. Layer arithmetic: output shape and parameter count of a conv layer (1x1 included) and of an
//     Inception module, checked against tfjs layers (outputShape, countParams()).
//  4. Brain MRI tumour yes/no: a duplicate-free stratified split, and a CNN whose test accuracy the
//     grader computes on images whose labels it kept.
import type { ModelArtifact } from '../grading/model-artifact.ts';
import type { Array2 } from '../grading/types.ts';

// ---- 1. saddle point ----
export type SaddleOptimizer = 'sgd' | 'momentum' | 'adam';

export interface SaddleOptions {
  optimizer: SaddleOptimizer;
  start: [number, number]; // (x0, y0)
  learningRate: number;
  steps: number; // updates to run (the path has steps + 1 points)
  momentum: number; // heavy ball: v = momentum * v - lr * g; p += v (v starts at 0)
  beta1: number; // Adam: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; bias-corrected;
  beta2: number; //       p -= lr * mhat / (sqrt(vhat) + epsilon)
  epsilon: number;
}

// ---- 2. convolution ----
export interface ConvParams {
  stride: number; // same in both directions, >= 1
  pad: number; // zeros added on every side, >= 0
}

/** What convForward keeps for convBackward (plain data). */
export interface ConvCache {
  x: Array2<Float64Array>; // [N, H, W, C]
  w: Array2<Float64Array>; // [KH, KW, C, F]
  b: Float64Array; // [F]
  params: ConvParams;
}

// ---- 3. layer arithmetic ----
/** A conv layer as Keras builds it: 'valid' (no padding) or 'same' (output = ceil(input / stride)). */
export interface ConvLayerConfig {
  inputShape: [number, number, number]; // [H, W, C]
  filters: number;
  kernelSize: number; // square; 1 for a 1x1 conv
  strides: number;
  padding: 'valid' | 'same';
  useBias: boolean;
}

/**
 * GoogLeNet's Inception module (v1): four branches concatenated along channels, every conv ReLU,
 * 'same' padding, with bias:
 *   1x1 (out1x1, stride s) | 1x1 (reduce3x3) -> 3x3 (out3x3, stride s) |
 *   1x1 (reduce5x5) -> 5x5 (out5x5, stride s) | 3x3 max pool (stride s) -> 1x1 (poolProj)
 */
export interface InceptionConfig {
  inputShape: [number, number, number]; // [H, W, C]
  out1x1: number;
  reduce3x3: number;
  out3x3: number;
  reduce5x5: number;
  out5x5: number;
  poolProj: number;
  strides: number;
}

export interface LayerInfo {
  outputShape: [number, number, number]; // [H', W', C'] without the batch dimension
  params: number; // trainable parameters (weights + biases)
}

// ---- 4. brain MRI ----
/** Bytes 0..255, NHWC, grey: images [n * 64 * 64], shape [n, 64, 64, 1]; labels 0 = no, 1 = tumour. */
export interface LabelledScans {
  images: Uint8Array;
  shape: [number, number, number, number];
  labels: Int32Array;
}

export interface SplitRequest {
  sha256: string[]; // [n] content hash of every file, duplicates included
  labels: Int32Array; // [n]
  testFraction: number; // of the unique images, per class
  seed: number;
}

export interface BrainTrainOptions {
  epochs: number;
  seed: number;
}

export interface IustP3Cnn {
  /** Path [steps + 1, 2] of (x, y) from the start, one row per update. */
  saddleDescent(options: SaddleOptions): Promise<{ path: Array2<Float64Array> }> | { path: Array2<Float64Array> };
  /** x [N, H, W, C], w [KH, KW, C, F], b [F] -> out [N, OH, OW, F], OH = floor((H + 2 pad - KH) / stride) + 1. */
  convForward(x: Array2<Float64Array>, w: Array2<Float64Array>, b: Float64Array, params: ConvParams):
    Promise<{ out: Array2<Float64Array>; cache: ConvCache }> | { out: Array2<Float64Array>; cache: ConvCache };
  /** dout [N, OH, OW, F] -> gradients of sum(out * dout): dx [N, H, W, C], dw [KH, KW, C, F], db [F]. */
  convBackward(dout: Array2<Float64Array>, cache: ConvCache):
    Promise<ConvGradients> | ConvGradients;
  convLayerInfo(config: ConvLayerConfig): Promise<LayerInfo> | LayerInfo;
  inceptionInfo(config: InceptionConfig): Promise<LayerInfo> | LayerInfo;
  /** Indices into the request's lists: one file per distinct content, stratified by label. */
  splitBrainMri(request: SplitRequest): Promise<{ train: Int32Array; test: Int32Array }> | { train: Int32Array; test: Int32Array };
  /** Trains a CNN; its input is [N, 64, 64, 1] pixels / 255, its output [N, 2] scores (no, yes). */
  trainBrainMri(data: LabelledScans, options: BrainTrainOptions): Promise<{ model: ModelArtifact }>;
}

export interface ConvGradients {
  dx: Array2<Float64Array>;
  dw: Array2<Float64Array>;
  db: Float64Array;
}

export const p3Functions = ['saddleDescent', 'convForward', 'convBackward', 'convLayerInfo', 'inceptionInfo', 'splitBrainMri', 'trainBrainMri'] as const;

/** Standard hyperparameters for the saddle comparison (the grader may vary start and rate). */
export const saddleDefaults = { momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
