// The grader's side of the hyperparameter search: checks that a search kept to its budget and to
// the space (and, for successive halving, that it really halved), draws its own random picks from
// the space, and scores any returned model on digits whose labels it kept.
import * as tf from '@tensorflow/tfjs';
import { searchSpace, type CnnConfig, type LabelledDigits, type SearchResult } from '../../contracts/iust-p4-tuning-bn.ts';
import { makeRng } from '../../engine/seed.ts';
import { importModel, type ModelArtifact } from '../../grading/model-artifact.ts';
import { RequirementFailed } from '../../grading/errors.ts';

/** A config from the space; `u` in [0, 1) places the learning rate on its log scale. */
export function randomPick(rng: () => number, u = rng()): CnnConfig {
  const s = searchSpace;
  const pick = <T>(v: readonly T[]) => v[Math.floor(rng() * v.length)];
  return {
    learningRate: Math.exp(Math.log(s.learningRate.min) + u * Math.log(s.learningRate.max / s.learningRate.min)),
    filters: pick(s.filters), kernelSize: pick(s.kernelSize), denseUnits: pick(s.denseUnits),
    dropout: s.dropout.min + rng() * (s.dropout.max - s.dropout.min),
  };
}

/**
 * The grader's k random picks, stratified over the log learning rate (pick i draws it from the i-th
 * of k equal slices, Latin-hypercube style; the rest uniformly): their mean accuracy estimates what
 * a random pick scores on average, without the luck of k independent draws.
 */
export const graderPicks = (k: number, seed: number) => {
  const rng = makeRng(`grader-random-picks:${seed}`);
  return Array.from({ length: k }, (_, i) => randomPick(rng, (i + rng()) / k));
};

export function inSpace(c: CnnConfig): boolean {
  const s = searchSpace;
  return !!c && c.learningRate >= s.learningRate.min && c.learningRate <= s.learningRate.max
    && (s.filters as readonly number[]).includes(c.filters) && (s.kernelSize as readonly number[]).includes(c.kernelSize)
    && (s.denseUnits as readonly number[]).includes(c.denseUnits) && c.dropout >= s.dropout.min && c.dropout <= s.dropout.max;
}

/** Problems with a search's record; [] when it kept to budget and space. */
export function searchProblems(r: SearchResult, method: string, budget: number): string[] {
  if (!r || !Array.isArray(r.trials) || r.trials.length === 0) return [`${method}: no trials recorded`];
  const problems: string[] = [];
  const used = r.trials.reduce((s, t) => s + t.steps, 0);
  if (!(used <= budget)) problems.push(`${method}: trials used ${used} training steps, over the budget of ${budget}`);
  if (!inSpace(r.best)) problems.push(`${method}: the chosen config ${JSON.stringify(r.best)} is outside the search space`);
  if (r.trials.some((t) => !inSpace(t.config))) problems.push(`${method}: a trial's config is outside the search space`);
  if (method === 'successive-halving') {
    const rungs = [...new Set(r.trials.map((t) => t.rung ?? 0))].sort((a, b) => a - b);
    const sizes = rungs.map((k) => r.trials.filter((t) => (t.rung ?? 0) === k).length);
    if (rungs.length < 2 || sizes.some((n, i) => i > 0 && n >= sizes[i - 1])) {
      problems.push(`successive halving: rungs of ${sizes.join(', ')} configs; each rung must keep fewer configs than the one before`);
    }
  }
  return problems;
}

/** Accuracy of a model artifact ([N, 28, 28, 1] pixels / 255 -> [N, 10]) on labelled digits. */
export async function digitAccuracy(artifact: ModelArtifact, d: LabelledDigits): Promise<number> {
  const model = await importModel(artifact);
  try {
    const out = tf.tidy(() => model.predict(tf.tensor4d(d.images, d.shape, 'float32').div(255), { batchSize: 500 }) as tf.Tensor);
    const shape = out.shape;
    const pred = tf.tidy(() => out.argMax(-1));
    const p = await pred.data();
    tf.dispose([out, pred]);
    if (shape.join() !== `${d.labels.length},10`) throw new RequirementFailed(`the model's output is [${shape}]; it must be [${d.labels.length},10]`);
    return Array.from(p).filter((v, i) => v === d.labels[i]).length / d.labels.length;
  } finally {
    model.dispose();
  }
}
