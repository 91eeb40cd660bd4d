// The report's curves, one pair of figures per dataset (the seed compared the two networks per
// dataset): validation accuracy per epoch as the grader scored the solution's per-epoch
// predictions, and the training loss per epoch as the solution reported it.
// Files: <dataset>-validation.svg, <dataset>-loss.svg.
import { writeFile } from 'node:fs/promises';
import type { Dataset } from '../../contracts/leiden-mlp-vs-cnn.ts';
import type { RequirementContext } from '../../grading/spec.ts';
import { lineChart } from '../../report/charts.ts';
import type { GradedRun } from './run.ts';

export const datasetName: Record<Dataset, string> = { 'fashion-mnist': 'Fashion-MNIST', cifar10: 'CIFAR-10' };

const epochs = (v: number[]) => v.map((_, i) => i + 1);

export async function curveFigures(r: RequirementContext, dataset: Dataset, runs: GradedRun[]): Promise<void> {
  const name = datasetName[dataset];
  await r.figure(`${dataset}-validation.svg`, async (file) => writeFile(file, await lineChart(
    runs.map((g) => ({ name: `${g.arch.toUpperCase()} validation`, x: epochs(g.validationCurve), y: g.validationCurve })),
    { title: `${name}: validation accuracy per epoch (${runs[0].plan.validationImages} held-out images)`, xLabel: 'epoch', yLabel: 'accuracy' })));
  await r.figure(`${dataset}-loss.svg`, async (file) => writeFile(file, await lineChart(
    runs.map((g) => ({ name: `${g.arch.toUpperCase()} training loss`, x: epochs(g.loss), y: g.loss })),
    { title: `${name}: mean training cross-entropy per epoch`, xLabel: 'epoch', yLabel: 'cross-entropy' })));
}
