// Contract for ml2020-hw1-pm25 (seed 001, "HW1 - Linear Regreesion"): predict the 10th hour's PM2.5
// from the previous 9 hours of readings with a linear model trained by full-batch Adagrad.
//
// Raw data (the homework's train.csv as loadPm25 gives it): values [240 * 18, 24], row d*18 + f is
// feature f (PM25_FEATURES order; 'NR' already 0) on day d; 20 consecutive days per month, 12 months.
// The homework joins each month's 20 days into one series of 480 hours and slides a 9-hour window
// over it, never across months: 471 windows a month, 5652 in all.
//
// A linear model is one flat vector theta [D + 1]: weights for the D features, then the bias last;
// prediction = x . theta[0..D) + theta[D].
import type { Array2 } from '../grading/types.ts';

export interface Pm25Raw {
  values: Float64Array; // [days * 18, 24]
  shape: [number, number];
  daysPerMonth: number; // 20 in the homework's file
}

export interface FeatureOptions {
  hours: number; // window length (the homework's 9)
  pm25Only: boolean; // false: all 18 features (D = 18 * hours); true: the PM2.5 row only (D = hours)
}

export interface Windows {
  /**
   * x [N, D]: window n of month m starting at hour t (n = m * (480 - hours) + t, months in file
   * order) holds x[n, f * hours + h] = feature f at hour t + h (the homework's
   * month_data[:, t : t + 9].reshape(1, -1), feature-major); with pm25Only, f is the PM2.5 row only.
   */
  x: Array2<Float64Array>;
  y: Float64Array; // [N] PM2.5 at hour t + hours
}

export interface FitOptions {
  lr: number; // Adagrad's learning rate (the homework's sample used 100 on standardised features)
  iterations: number; // full-batch updates
}

export interface FitResult {
  weights: Float64Array; // theta [D + 1], bias last
  lossCurve: Float64Array; // [iterations]: training RMSE at the weights before each update
}

export interface Ml2020Hw1Pm25 {
  /** The homework's feature extraction: sliding 9-hour windows within each month. */
  extractFeatures(raw: Pm25Raw, opts: FeatureOptions): Promise<Windows> | Windows;
  /** x [N, D] -> predictions [N] = x . w + b. */
  predict(theta: Float64Array, x: Array2<Float64Array>): Promise<Float64Array> | Float64Array;
  /** Gradient [D + 1] of the mean squared error, mean over N of (x . w + b - y)^2, at theta. */
  gradient(theta: Float64Array, x: Array2<Float64Array>, y: Float64Array): Promise<Float64Array> | Float64Array;
  /**
   * Full-batch Adagrad from theta = 0 (the homework's): g = gradient(theta), G += g * g,
   * theta -= lr * g / sqrt(G + eps) elementwise, eps at most 1e-8. The grader passes x already
   * standardised (train-split mean 0, std 1 per column), as the homework did before training.
   */
  fit(x: Array2<Float64Array>, y: Float64Array, opts: FitOptions): Promise<FitResult> | FitResult;
}

export const pm25Functions = ['extractFeatures', 'predict', 'gradient', 'fit'] as const;
