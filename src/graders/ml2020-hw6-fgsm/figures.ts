// The seed's figure, originals beside their adversarial versions, as one PNG grid (one row per
// image: original | perturbation x' - x | adversarial), with the labels and confidences before and
// after in a table the report prints beside it; and the success rate against epsilon as a chart.
import { writeFile } from 'node:fs/promises';
import type { RequirementContext } from '../../grading/spec.ts';
import type { Array2 } from '../../grading/types.ts';
import { lineChart } from '../../report/charts.ts';
import { imageGridPng, type GridImage } from '../../report/image-grid.ts';
import type { Predictions } from './evaluate.ts';

export interface ExampleRow {
  index: number; // in the attacked set
  truth: string;
  before: string;
  beforeConfidence: number; // softmax probability of the predicted class
  after: string;
  afterConfidence: number;
  trueBefore: number; // probability of the true class, before and after
  trueAfter: number;
}

/**
 * Captions for k images the model classified correctly before the attack, spread over the classes
 * (round robin: each class's first such image, then each class's second, ...; the test split may be
 * sorted by class): first those whose label the attack flipped (as the seed showed), then a quarter
 * of k that it did not flip.
 */
export function exampleRows(truth: Int32Array, before: Predictions, after: Predictions, names: string[], k: number): ExampleRow[] {
  const K = before.classes;
  const seen = new Array<number>(K).fill(0);
  const rank = new Map<number, number>(); // index -> its rank among its class's correct images
  const correct = [...truth.keys()].filter((i) => before.labels[i] === truth[i]);
  for (const i of correct) rank.set(i, seen[truth[i]]++);
  const order = correct.sort((a, b) => rank.get(a)! - rank.get(b)! || truth[a] - truth[b]);
  const held = order.filter((i) => after.labels[i] === truth[i]).slice(0, Math.floor(k / 4));
  const flipped = order.filter((i) => after.labels[i] !== truth[i]).slice(0, k - held.length);
  return [...flipped, ...held].map((i) => ({
    index: i, truth: names[truth[i]],
    before: names[before.labels[i]], beforeConfidence: before.probs[i * K + before.labels[i]],
    after: names[after.labels[i]], afterConfidence: after.probs[i * K + after.labels[i]],
    trueBefore: before.probs[i * K + truth[i]], trueAfter: after.probs[i * K + truth[i]],
  }));
}

/** One grid row per example: original, perturbation (channel mean, blue -eps .. red +eps), adversarial. */
export async function writeExampleGrid(r: RequirementContext, file: string, x: Array2<Float32Array>, adv: Array2<Float32Array>, rows: ExampleRow[], epsilon: number): Promise<void> {
  const [, h, w, c] = x.shape;
  const per = h * w * c;
  const image = (data: Float32Array, i: number): GridImage => ({ values: data.subarray(i * per, (i + 1) * per), height: h, width: w, channels: c as 1 | 3 });
  const perturbation = (i: number): GridImage => {
    const values = new Float32Array(h * w); // [H, W], mean over channels
    for (let p = 0; p < h * w; p++) {
      for (let ch = 0; ch < c; ch++) values[p] += (adv.data[i * per + p * c + ch] - x.data[i * per + p * c + ch]) / c;
    }
    return { values, height: h, width: w, channels: 1, colormap: 'diverging', range: [-epsilon, epsilon] };
  };
  const grid = rows.map(({ index }) => [image(x.data, index), perturbation(index), image(adv.data, index)]);
  await r.figure(file, (abs) => writeFile(abs, imageGridPng(grid, { scale: 4, gap: 4 })));
}

export interface CurvePoint {
  epsilon255: number; // epsilon * 255
  fgsm: number; // success rate
  random: number;
}

export async function writeCurve(r: RequirementContext, file: string, title: string, curve: CurvePoint[]): Promise<void> {
  const x = curve.map((p) => p.epsilon255);
  await r.figure(file, async (abs) => writeFile(abs, await lineChart([
    { name: 'FGSM', x, y: curve.map((p) => p.fgsm) },
    { name: 'random sign (control)', x, y: curve.map((p) => p.random) },
  ], { title, xLabel: 'epsilon (x 1/255)', yLabel: 'attack success rate' })));
}
