// The grader's side of the brain MRI task: its own duplicate-free stratified split (the CNN is
// scored on it, whatever split the solution's splitBrainMri makes), the checks a split must pass,
// and the scoring of a returned model on test scans whose labels never left the grader.
import * as tf from '@tensorflow/tfjs';
import type { LabelledScans } from '../../contracts/iust-p3-cnn.ts';
import type { BrainMriSet } from '../../data/index.ts';
import { selectImages } from '../../data/index.ts';
import { makeRng, permutation } from '../../engine/seed.ts';
import { RequirementFailed } from '../../grading/errors.ts';

export const TEST_FRACTION = 0.25;

/** One index per distinct content, grouped by label: label -> indices. */
export function distinctByClass(sha256: string[], labels: ArrayLike<number>): Map<number, number[]> {
  const seen = new Set<string>();
  const out = new Map<number, number[]>();
  sha256.forEach((h, i) => {
    if (seen.has(h)) return;
    seen.add(h);
    if (!out.has(labels[i])) out.set(labels[i], []);
    out.get(labels[i])!.push(i);
  });
  return out;
}

/** The grader's split: per class, round(fraction * distinct) scans to test, seeded. */
export function gradersSplit(set: BrainMriSet, seed: number): { train: LabelledScans; test: LabelledScans; testIndices: number[] } {
  const rng = makeRng(`grader-brain-split:${seed}`);
  const train: number[] = [], test: number[] = [];
  for (const [, members] of [...distinctByClass(set.sha256, set.labels)].sort((a, b) => a[0] - b[0])) {
    const order = permutation(members.length, rng);
    const nTest = Math.round(TEST_FRACTION * members.length);
    order.forEach((j, k) => (k < nTest ? test : train).push(members[j]));
  }
  const pick = (idx: number[]) => { const s = selectImages(set, idx); return { images: s.images, shape: s.shape, labels: s.labels }; };
  return { train: pick(train), test: pick(test), testIndices: test };
}

/** Everything wrong with a solution's split of the full list (duplicates included); [] if none. */
export function splitProblems(set: BrainMriSet, train: Int32Array, test: Int32Array, fraction: number): string[] {
  const problems: string[] = [];
  const n = set.labels.length;
  const all = [...train, ...test];
  if (all.some((i) => !Number.isInteger(i) || i < 0 || i >= n)) return [`indices must be integers in 0..${n - 1}`];
  const side = new Map<string, 'train' | 'test'>();
  const count = new Map<string, number>();
  for (const [name, idx] of [['train', train], ['test', test]] as const) {
    for (const i of idx) {
      const h = set.sha256[i];
      count.set(h, (count.get(h) ?? 0) + 1);
      if (side.has(h) && side.get(h) !== name) problems.push(`${set.files[i]} has a byte-identical copy on the other side (leak)`);
      side.set(h, name);
    }
  }
  const repeated = [...count.values()].filter((c) => c > 1).length;
  if (repeated) problems.push(`${repeated} scan content(s) kept more than once (not deduplicated)`);
  const distinct = distinctByClass(set.sha256, set.labels);
  const total = [...distinct.values()].reduce((s, v) => s + v.length, 0);
  if (side.size !== total) problems.push(`${side.size} distinct scans used of ${total}`);
  for (const [label, members] of distinct) {
    const inTest = new Set([...test].filter((i) => set.labels[i] === label).map((i) => set.sha256[i])).size;
    const want = fraction * members.length;
    if (Math.abs(inTest - want) > 1) problems.push(`class ${label}: ${inTest} of ${members.length} distinct scans in test, expected ${want.toFixed(1)} (not stratified)`);
  }
  return problems.slice(0, 4);
}

/** Scores a model on test scans: predictions are the argmax of its [n, 2] output. */
export function scoreModel(model: tf.LayersModel, test: LabelledScans): { accuracy: number; confusion: number[][]; predictions: Int32Array } {
  const n = test.shape[0];
  const out = tf.tidy(() => model.predict(tf.tensor4d(test.images, test.shape, 'float32').div(255)) as tf.Tensor);
  if (out.shape.length !== 2 || out.shape[0] !== n || out.shape[1] !== 2) {
    out.dispose();
    throw new RequirementFailed(`the model's output is [${out.shape}] for ${n} scans; it must be [${n},2] (scores for no, yes)`);
  }
  const classes = out.argMax(-1);
  const predictions = Int32Array.from(classes.dataSync());
  tf.dispose([out, classes]);
  const confusion = [[0, 0], [0, 0]]; // [true label][predicted]
  predictions.forEach((p, i) => confusion[test.labels[i]][p]++);
  return { accuracy: (confusion[0][0] + confusion[1][1]) / n, confusion, predictions };
}
