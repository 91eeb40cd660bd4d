// Contract for iust-p4-tuning-bn (seed 003, "P4": MNIST tuning, layer arithmetic, batch norm,
// Grad-CAM, and an LSTM whose negative R^2 is diagnosed and fixed).
//
//  1. Batch norm from scratch in float64 (cs231n's NumPy exercise): train mode normalises with the
//     batch's mean and biased variance and updates running averages; test mode uses the running ones.
//  2. Layer arithmetic: conv output size with padding, stride and dilation; parameter count; the
//     padding that keeps the size under dilation (stride 1, odd kernel). Checked against tfjs layers.
//  3. Hyperparameter search for a small MNIST CNN within a budget of training steps: random search
//     and successive halving. The grader scores the chosen configuration on digits it kept.
//  4. Grad-CAM on the tuned CNN: heatmaps over digits.
//  5. An LSTM one-step-ahead forecaster of a synthetic hourly consumption series: a "naive" fit on raw
//     values and a "fixed" one. The grader computes R^2 on a held-out tail itself.
import type { ModelArtifact } from '../grading/model-artifact.ts';
import type { Array2 } from '../grading/types.ts';

// ---- 1. batch norm ----
export interface BatchNormOptions {
  mode: 'train' | 'test';
  eps: number; // added to the variance under the square root
  momentum: number; // running = momentum * running + (1 - momentum) * batch statistic (train mode)
  runningMean: Float64Array; // [D]
  runningVar: Float64Array; // [D]
}

/** What batchnormForward keeps for the backward pass (plain data). */
export interface BatchNormCache {
  x: Array2<Float64Array>; // [N, D]
  gamma: Float64Array; // [D]
  beta: Float64Array; // [D]
  eps: number;
}

export interface BatchNormForward {
  out: Array2<Float64Array>; // [N, D] gamma * (x - mean) / sqrt(var + eps) + beta
  runningMean: Float64Array; // [D] updated in train mode, unchanged in test mode
  runningVar: Float64Array; // [D] (biased batch variance, as cs231n)
  cache: BatchNormCache;
}

export interface BatchNormGradients {
  dx: Array2<Float64Array>; // [N, D]
  dgamma: Float64Array; // [D]
  dbeta: Float64Array; // [D]
}

// ---- 2. layer arithmetic ----
export interface ConvGeometry {
  size: number; // input side
  kernel: number;
  stride: number;
  pad: number; // zeros on each side
  dilation: number; // 1 = ordinary conv; the kernel then spans dilation * (kernel - 1) + 1 pixels
}

export interface ConvWeights {
  kernel: number; // square kernel side
  inChannels: number;
  filters: number;
  useBias: boolean;
}

// ---- 3. hyperparameter search ----
/**
 * The CNN family searched (input [N, 28, 28, 1] = pixels / 255; Adam; batch 32; softmax cross-entropy):
 *   conv(filters, kernelSize, 'same', ReLU) -> 2x2 max pool -> conv(2 filters, kernelSize, 'same', ReLU)
 *   -> 2x2 max pool -> flatten -> dropout(dropout) -> dense(denseUnits, ReLU) -> dense 10 (logits).
 */
export interface CnnConfig {
  learningRate: number;
  filters: number;
  kernelSize: number;
  denseUnits: number;
  dropout: number;
}

/** The search space; the grader draws its random picks from it too. */
export const searchSpace = {
  learningRate: { min: 1e-5, max: 1, scale: 'log' as const },
  filters: [2, 4, 8] as const,
  kernelSize: [3, 5] as const,
  denseUnits: [16, 32, 64] as const,
  dropout: { min: 0, max: 0.5, scale: 'linear' as const },
};

/** Keras-style defaults: what an untuned student would train. */
export const defaultConfig: CnnConfig = { learningRate: 1e-3, filters: 4, kernelSize: 3, denseUnits: 32, dropout: 0 };

/** Digits as bytes 0..255, NHWC [n, 28, 28, 1]; labels [n] 0..9. */
export interface LabelledDigits {
  images: Uint8Array;
  shape: [number, number, number, number];
  labels: Int32Array;
}

export interface SearchOptions {
  method: 'random' | 'successive-halving';
  budgetSteps: number; // total training steps (batches of 32) over every trial
  finalSteps: number; // steps to train the chosen config afterwards (outside the budget)
  seed: number;
}

export interface Trial {
  config: CnnConfig;
  steps: number; // training steps this trial used (counted against the budget)
  validationAccuracy: number; // on the solution's own validation split of the data it was given
  rung?: number; // successive halving: 0 for the first round, 1 for the survivors, ...
}

export interface SearchResult {
  best: CnnConfig;
  trials: Trial[];
  model: ModelArtifact; // the chosen config trained for finalSteps on all the data given
}

// ---- 5. consumption LSTM ----
export interface ForecastOptions {
  variant: 'naive' | 'fixed';
  window: number; // the model sees the last `window` hourly values
  epochs: number;
  seed: number;
}

/** The grader feeds ((window - input.mean) / input.std) as [N, window, 1] and reads out * output.std + output.mean. */
export interface Forecaster {
  model: ModelArtifact; // input [N, window, 1], output [N, 1]
  input: { mean: number; std: number }; // {0, 1}: raw values
  output: { mean: number; std: number };
}

export interface IustP4TuningBn {
  batchnormForward(x: Array2<Float64Array>, gamma: Float64Array, beta: Float64Array, options: BatchNormOptions): Promise<BatchNormForward> | BatchNormForward;
  /** Gradients of sum(out * dout) for a train-mode forward pass. */
  batchnormBackward(dout: Array2<Float64Array>, cache: BatchNormCache): Promise<BatchNormGradients> | BatchNormGradients;
  convOutputSize(g: ConvGeometry): Promise<number> | number;
  convParams(w: ConvWeights): Promise<number> | number;
  /** The zero padding that keeps the size for stride 1 and an odd kernel. */
  dilatedSamePadding(kernel: number, dilation: number): Promise<number> | number;
  trainCnn(data: LabelledDigits, config: CnnConfig, options: { steps: number; seed: number }): Promise<{ model: ModelArtifact }>;
  searchHyperparameters(data: LabelledDigits, options: SearchOptions): Promise<SearchResult>;
  /** Heatmaps [n, 28, 28] in [0, 1] for the given class of each image, from the model's last conv layer. */
  gradCam(model: ModelArtifact, images: Array2<Uint8Array>, classes: Int32Array): Promise<Array2<Float32Array>>;
  /** Fits on the series (hourly values, oldest first); the grader forecasts the tail it kept. */
  fitForecaster(series: Float64Array, options: ForecastOptions): Promise<Forecaster>;
}

export const p4Functions = ['batchnormForward', 'batchnormBackward', 'convOutputSize', 'convParams', 'dilatedSamePadding',
  'trainCnn', 'searchHyperparameters', 'gradCam', 'fitForecaster'] as const;
