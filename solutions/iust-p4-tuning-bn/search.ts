// Hyperparameter search within a budget of training steps, on a validation split carved from the
// data given (the grader's own held-out digits are never seen).
//  - random search: 6 configs drawn from the space, each trained budget / 6 steps;
//  - successive halving (eta 3): 9 configs for r steps, the best 3 continue to 3r, the best to 9r;
//    models resume where they stopped, so the cost is 9r + 3 * 2r + 6r = 21r steps.
import * as tf from '@tensorflow/tfjs';
import type { CnnConfig, LabelledDigits, SearchOptions, SearchResult, Trial } from '../../src/contracts/iust-p4-tuning-bn.ts';
import { iustP4TuningBn, makeRng, permutation, seedEverything, type Rng } from '../../src/kit.ts';
import { accuracyOn, batchStream, buildCnn, toTensors, trainCnn, trainFor } from './cnn.ts';

const VALIDATION_FRACTION = 0.2;

export function sampleConfig(rng: Rng): CnnConfig {
  const s = iustP4TuningBn.searchSpace;
  const pick = <T>(v: readonly T[]) => v[Math.floor(rng() * v.length)];
  const logLr = Math.log(s.learningRate.min) + rng() * (Math.log(s.learningRate.max) - Math.log(s.learningRate.min));
  return {
    learningRate: Math.exp(logLr), filters: pick(s.filters), kernelSize: pick(s.kernelSize),
    denseUnits: pick(s.denseUnits), dropout: s.dropout.min + rng() * (s.dropout.max - s.dropout.min),
  };
}

function splitData(d: LabelledDigits, seed: number): { train: LabelledDigits; val: LabelledDigits } {
  const n = d.labels.length, per = 28 * 28;
  const order = permutation(n, makeRng(`validation:${seed}`));
  const nVal = Math.round(VALIDATION_FRACTION * n);
  const take = (idx: Int32Array): LabelledDigits => {
    const images = new Uint8Array(idx.length * per);
    idx.forEach((i, k) => images.set(d.images.subarray(i * per, (i + 1) * per), k * per));
    return { images, shape: [idx.length, 28, 28, 1], labels: Int32Array.from(idx, (i) => d.labels[i]) };
  };
  return { val: take(order.subarray(0, nVal)), train: take(order.subarray(nVal)) };
}

interface Candidate { config: CnnConfig; model: tf.Sequential; next: () => Int32Array; trained: number; accuracy: number }

export async function searchHyperparameters(data: LabelledDigits, o: SearchOptions): Promise<SearchResult> {
  seedEverything(o.seed);
  const rng = makeRng(`search:${o.method}:${o.seed}`);
  const { train, val } = splitData(data, o.seed);
  const t = toTensors(train), v = toTensors(val);
  const trials: Trial[] = [];
  const candidates: Candidate[] = [];
  const newCandidate = (k: number): Candidate => {
    const config = sampleConfig(rng);
    return { config, model: buildCnn(config), next: batchStream(train.labels.length, `trial:${o.seed}:${k}`), trained: 0, accuracy: 0 };
  };
  /** Trains a candidate up to `total` steps and logs the increment as one trial. */
  const advance = async (c: Candidate, total: number, rung?: number) => {
    await trainFor(c.model, t.x, t.y, total - c.trained, c.next);
    trials.push({ config: c.config, steps: total - c.trained, validationAccuracy: (c.accuracy = await accuracyOn(c.model, v.x, val.labels)), ...(rung === undefined ? {} : { rung }) });
    c.trained = total;
  };
  try {
    if (o.method === 'random') {
      const perTrial = Math.floor(o.budgetSteps / 6);
      for (let k = 0; k < 6; k++) { candidates.push(newCandidate(k)); await advance(candidates[k], perTrial); }
    } else {
      const r = Math.floor(o.budgetSteps / 21);
      let alive = Array.from({ length: 9 }, (_, k) => newCandidate(k));
      candidates.push(...alive);
      for (const [rung, total] of [r, 3 * r, 9 * r].entries()) {
        for (const c of alive) await advance(c, total, rung);
        alive = [...alive].sort((a, b) => b.accuracy - a.accuracy).slice(0, Math.max(1, alive.length / 3));
      }
    }
    // The most-trained candidate wins (successive halving's last survivor), then validation accuracy.
    const best = [...candidates].sort((a, b) => b.trained - a.trained || b.accuracy - a.accuracy)[0].config;
    // Retrained from scratch on all the data given (train + validation).
    const { model } = await trainCnn(data, best, { steps: o.finalSteps, seed: o.seed });
    return { best, trials, model };
  } finally {
    tf.dispose([t.x, t.y, v.x, v.y]);
    candidates.forEach((c) => c.model.dispose());
  }
}
