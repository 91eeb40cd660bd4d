// The report's curves: per-epoch test accuracy of every network, the train-test gap of the four
// regularisation variants, and the training loss (the L2 variant's includes its penalty).
import { writeFile } from 'node:fs/promises';
import type { RequirementContext } from '../../grading/spec.ts';
import { lineChart, type Series } from '../../report/charts.ts';
import type { GradedRun } from './run.ts';

export const label: Record<string, string> = {
  plain: 'plain', batchnorm: 'batch norm', dropout: 'dropout', l2: 'L2', stride: 'stride (no pooling)', lstm: 'LSTM over rows',
};

const epochs = (v: number[]) => v.map((_, i) => i + 1);
const series = (runs: GradedRun[], pick: (g: GradedRun) => number[]): Series[] =>
  runs.map((g) => ({ name: label[g.name] ?? g.name, x: epochs(pick(g)), y: pick(g) }));

export async function curveFigures(r: RequirementContext, runs: GradedRun[], regularised: GradedRun[], setting: string): Promise<void> {
  await r.figure('test-accuracy.svg', async (file) => writeFile(file, await lineChart(series(runs, (g) => g.curves.test),
    { title: `Fashion-MNIST test accuracy after each epoch (${setting})`, xLabel: 'epoch', yLabel: 'test accuracy' })));
  await r.figure('train-test-gap.svg', async (file) => writeFile(file, await lineChart(
    series(regularised, (g) => g.curves.train.map((t, i) => t - g.curves.test[i])),
    { title: 'Train − test accuracy after each epoch (train: the grader\'s probe of training images)', xLabel: 'epoch', yLabel: 'accuracy gap' })));
  await r.figure('training-loss.svg', async (file) => writeFile(file, await lineChart(series(runs, (g) => g.curves.loss),
    { title: 'Mean training loss per epoch (L2: cross-entropy + penalty)', xLabel: 'epoch', yLabel: 'loss', logY: true })));
}
