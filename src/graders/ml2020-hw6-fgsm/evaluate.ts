// The grader's side of the attack: its own predictions before and after, the success rate, the
// random-sign control and the epsilon-ball check. Nothing here trusts the solution's numbers.
import * as tf from '@tensorflow/tfjs';
import { makeRng } from '../../engine/seed.ts';
import type { Array2 } from '../../grading/types.ts';

const BATCH = 500; // bounds conv activations (10,000 F-MNIST images at once would need ~190 MB)

export interface Predictions {
  labels: Int32Array; // [N] argmax
  probs: Float32Array; // [N, classes] softmax of the logits
  classes: number;
}

/** Softmax probabilities and predicted labels of model on images [N, H, W, C]. */
export async function predict(model: tf.LayersModel, images: Array2<Float32Array>): Promise<Predictions> {
  const [n, h, w, c] = images.shape;
  const per = h * w * c;
  const classes = (model.outputs[0].shape as number[])[1];
  const probs = new Float32Array(n * classes);
  for (let lo = 0; lo < n; lo += BATCH) {
    const b = Math.min(BATCH, n - lo);
    const p = tf.tidy(() => tf.softmax(model.predict(tf.tensor4d(images.data.subarray(lo * per, (lo + b) * per), [b, h, w, c])) as tf.Tensor2D));
    probs.set(await p.data() as Float32Array, lo * classes);
    p.dispose();
  }
  const labels = Int32Array.from({ length: n }, (_, i) => {
    let best = 0;
    for (let k = 1; k < classes; k++) if (probs[i * classes + k] > probs[i * classes + best]) best = k;
    return best;
  });
  return { labels, probs, classes };
}

export interface AttackOutcome {
  rate: number; // flipped / correct
  correct: number; // originally correct images
  flipped: number; // of those, now predicted as another class
}

/** Among the images predicted correctly before, the fraction whose prediction changed after. */
export function successRate(before: Int32Array, after: Int32Array, truth: Int32Array): AttackOutcome {
  let correct = 0, flipped = 0;
  for (let i = 0; i < truth.length; i++) {
    if (before[i] !== truth[i]) continue;
    correct++;
    if (after[i] !== truth[i]) flipped++;
  }
  return { rate: correct ? flipped / correct : 0, correct, flipped };
}

/** The control: clip(x + eps * s, 0, 1) with s a seeded random sign per pixel (same L-inf size as FGSM). */
export function randomSign(images: Array2<Float32Array>, epsilon: number, seed: number | string): Array2<Float32Array> {
  const rng = makeRng(`hw6-random-sign:${seed}`);
  const data = images.data.map((v) => Math.min(1, Math.max(0, v + (rng() < 0.5 ? -epsilon : epsilon))));
  return { data, shape: [...images.shape] };
}

export interface BallCheck {
  maxDelta: number; // max |x' - x|
  outsideBall: number; // pixels with |x' - x| > eps (+ float32 slack)
  outsideRange: number; // pixels outside [0, 1]
  notFinite: number;
  firstBad: string; // where the first violation is, for the message
}

// x + eps is rounded to float32 before clipping: allow a few float32 ulps near 1.
const SLACK = 1e-6;

/** Checks x' [N, ...] against x: every pixel finite, in [0, 1], and within eps of the original. */
export function checkBall(x: Float32Array, adv: ArrayLike<number>, epsilon: number): BallCheck {
  const r: BallCheck = { maxDelta: 0, outsideBall: 0, outsideRange: 0, notFinite: 0, firstBad: '' };
  for (let i = 0; i < x.length; i++) {
    const v = adv[i];
    if (!Number.isFinite(v)) { r.notFinite++; r.firstBad ||= `pixel ${i} is ${v}`; continue; }
    const d = Math.abs(v - x[i]);
    r.maxDelta = Math.max(r.maxDelta, d);
    if (d > epsilon + SLACK) { r.outsideBall++; r.firstBad ||= `pixel ${i}: x = ${x[i]}, x' = ${v}`; }
    if (v < -SLACK || v > 1 + SLACK) { r.outsideRange++; r.firstBad ||= `pixel ${i}: x' = ${v}`; }
  }
  return r;
}
