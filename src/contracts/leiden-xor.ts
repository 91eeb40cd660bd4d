// Contract for leiden-xor (seed 004, "XOR Network - Gradient Descent"): a 2-2-1 network written from
// scratch, bias as an extra input fixed at 1, sigmoid units, mean squared error, gradient descent.
//
// Weights are one flat vector [9]:
//   w[0..2] hidden unit 1 from (x1, x2, 1); w[3..5] hidden unit 2 from (x1, x2, 1);
//   w[6..8] output from (h1, h2, 1).
import type { Array2 } from '../grading/types.ts';

export type XorInit = 'uniform' | 'normal';

export interface XorTrainOptions {
  lr: number; // gradient-descent step size
  init: XorInit; // the seed's two schemes: 'uniform' U(-1, 1), 'normal' N(0, 1) clipped to [-1, 1]
  iterations: number; // full-batch steps over the 4 XOR patterns
  seed: number; // seeds the initial weights
}

export interface LeidenXor {
  /** x: [N, 2] -> network outputs [N], each in (0, 1). */
  forward(weights: Float64Array, x: Array2<Float64Array>): Promise<Float64Array> | Float64Array;
  /** MSE = mean over N of (out - y)^2 and its gradient with respect to the weights [9]. */
  lossAndGradient(weights: Float64Array, x: Array2<Float64Array>, y: Float64Array):
    Promise<{ loss: number; gradient: Float64Array }> | { loss: number; gradient: Float64Array };
  /** Gradient descent on the XOR truth table; returns the final weights and the loss per step [iterations]. */
  train(options: XorTrainOptions): Promise<{ weights: Float64Array; loss: Float64Array }> | { weights: Float64Array; loss: Float64Array };
}

export const xorFunctions = ['forward', 'lossAndGradient', 'train'] as const;

/** The XOR truth table: x [4, 2], y [4]. */
export const xorTable = {
  x: { data: Float64Array.from([0, 0, 0, 1, 1, 0, 1, 1]), shape: [4, 2] } as Array2<Float64Array>,
  y: Float64Array.from([0, 1, 1, 0]),
};
