// A synthetic hourly gas-consumption series (synthetic: the seed's data set is not public), seeded:
//   level 400 + trend + daily cycle (morning and evening peaks) + weekly cycle (weekends higher)
//   + AR(1) noise. Values sit in the hundreds, as metered consumption does, which is exactly what
//   breaks an LSTM fed raw values: its gates saturate and it predicts a near-constant.
import * as tf from '@tensorflow/tfjs';
import type { Forecaster } from '../../contracts/iust-p4-tuning-bn.ts';
import { gaussian, makeRng } from '../../engine/seed.ts';
import { importModel } from '../../grading/model-artifact.ts';
import { RequirementFailed } from '../../grading/errors.ts';

export interface SeriesOptions {
  weeks: number; // length in weeks of hourly values
  seed: number;
}

export function consumptionSeries({ weeks, seed }: SeriesOptions): Float64Array {
  const rng = makeRng(`consumption:${seed}`);
  const n = weeks * 7 * 24;
  const out = new Float64Array(n);
  const phase = 2 * Math.PI * rng(); // where in the week the series starts
  let noise = 0;
  for (let t = 0; t < n; t++) {
    const hour = t % 24, day = Math.floor(t / 24) % 7;
    const daily = 45 * Math.sin((2 * Math.PI * (hour - 6)) / 24) + 25 * Math.sin((4 * Math.PI * hour) / 24);
    const weekly = (day >= 5 ? 35 : 0) + 10 * Math.sin((2 * Math.PI * t) / 168 + phase);
    noise = 0.7 * noise + 8 * gaussian(rng); // AR(1): consecutive hours share weather
    out[t] = 400 + 0.04 * t + daily + weekly + noise;
  }
  return out;
}

/** R^2 = 1 - SSE / SST of predictions against truth. */
export function rSquared(pred: ArrayLike<number>, truth: ArrayLike<number>): number {
  const n = truth.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += truth[i] / n;
  let sse = 0, sst = 0;
  for (let i = 0; i < n; i++) { sse += (truth[i] - pred[i]) ** 2; sst += (truth[i] - mean) ** 2; }
  return 1 - sse / sst;
}

/**
 * One-step-ahead forecasts of series[from..] with the returned model: the window before each hour
 * (true values, as a forecaster would have them), scaled as the solution declared.
 */
export async function forecastTail(f: Forecaster, series: Float64Array, from: number, window: number): Promise<Float64Array> {
  const m = series.length - from;
  for (const [name, s] of [['input', f?.input], ['output', f?.output]] as const) {
    if (!s || !Number.isFinite(s.mean) || !Number.isFinite(s.std) || s.std === 0) throw new RequirementFailed(`${name} scaling must be {mean, std} with std != 0, got ${JSON.stringify(s)}`);
  }
  const x = new Float32Array(m * window); // [m, window, 1]
  for (let i = 0; i < m; i++) for (let k = 0; k < window; k++) x[i * window + k] = (series[from + i - window + k] - f.input.mean) / f.input.std;
  const model = await importModel(f.model);
  const y = tf.tidy(() => model.predict(tf.tensor3d(x, [m, window, 1])) as tf.Tensor);
  const values = await y.data();
  const shape = y.shape;
  tf.dispose(y);
  model.dispose();
  if (shape.join() !== `${m},1`) throw new RequirementFailed(`the forecaster's output is [${shape}] for ${m} windows; it must be [${m},1]`);
  return Float64Array.from(values, (v) => v * f.output.std + f.output.mean);
}
