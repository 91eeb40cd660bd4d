// The loss-curve figure of ml2020-hw2-income: logistic regression's training cross-entropy per
// epoch, beside the cross-entropy of the closed-form generative model's posterior on the same rows.
import { lineChart } from '../../report/charts.ts';

export function lossFigure(curve: number[], generative: number, recipe: { lr: number; batchSize: number }): Promise<string> {
  const epochs = curve.map((_, i) => i + 1);
  return lineChart([
    { name: 'logistic', x: epochs, y: curve },
    { name: 'generative', x: epochs, y: epochs.map(() => generative) },
  ], { title: `Income: training cross-entropy by epoch (batch ${recipe.batchSize}, lr ${recipe.lr} / sqrt(step))`, xLabel: 'epoch', yLabel: 'mean cross-entropy' });
}
