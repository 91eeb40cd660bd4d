// One-step-ahead LSTM forecaster of an hourly series. The "naive" variant is the seed's broken
// notebook: raw values (hundreds) straight into the LSTM, so its sigmoid/tanh gates saturate, the
// hidden state stops carrying the input, and the output sits near a constant (negative R^2 on a
// trending tail). The "fixed" variant standardises inputs and targets with statistics of the
// training series only (fitting the scaler on the whole series would leak the test tail).
import * as tf from '@tensorflow/tfjs';
import type { ForecastOptions, Forecaster } from '../../src/contracts/iust-p4-tuning-bn.ts';
import { exportModel, fitFast, seedEverything } from '../../src/kit.ts';

/** Windows [n, window, 1] and next values [n, 1] of the scaled series. */
function windows(z: Float64Array, window: number): { x: tf.Tensor3D; y: tf.Tensor2D } {
  const n = z.length - window;
  const x = new Float32Array(n * window), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < window; k++) x[i * window + k] = z[i + k];
    y[i] = z[i + window];
  }
  return { x: tf.tensor3d(x, [n, window, 1]), y: tf.tensor2d(y, [n, 1]) };
}

export async function fitForecaster(series: Float64Array, o: ForecastOptions): Promise<Forecaster> {
  seedEverything(o.seed);
  let scale = { mean: 0, std: 1 };
  if (o.variant === 'fixed') {
    const mean = series.reduce((s, v) => s + v, 0) / series.length;
    const std = Math.sqrt(series.reduce((s, v) => s + (v - mean) ** 2, 0) / series.length);
    scale = { mean, std };
  }
  const { x, y } = windows(series.map((v) => (v - scale.mean) / scale.std), o.window);
  const model = tf.sequential({ layers: [tf.layers.lstm({ inputShape: [o.window, 1], units: 16 }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.adam(1e-2), loss: 'meanSquaredError' });
  try {
    await fitFast(model, x, y, { epochs: o.epochs, batchSize: 32, seed: o.seed });
    return { model: await exportModel(model), input: scale, output: scale };
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}
