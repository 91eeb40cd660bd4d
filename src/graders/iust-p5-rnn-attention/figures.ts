// The report's curves: attention training (loss and the scores' gradient norm, softmax vs argmax),
// the one-to-many RNN's loss, and the character language model's training loss.
import { writeFile } from 'node:fs/promises';
import type { AttentionKind, AttentionTrainResult } from '../../contracts/iust-p5-rnn-attention.ts';
import type { RequirementContext } from '../../grading/spec.ts';
import { lineChart } from '../../report/charts.ts';

const steps = (v: ArrayLike<number>, every = 1) => Array.from(v, (_, i) => (i + 1) * every);

export async function attentionFigure(r: RequirementContext, runs: Record<AttentionKind, AttentionTrainResult>): Promise<void> {
  const kinds = ['softmax', 'argmax'] as const;
  await r.figure('attention-loss.svg', async (file) => writeFile(file, await lineChart(
    kinds.map((k) => ({ name: `${k} attention`, x: steps(runs[k].loss), y: runs[k].loss })),
    { title: 'Lookup task: training loss, softmax vs argmax attention', xLabel: 'Adam step (full batch)', yLabel: 'cross-entropy' })));
  // Zero cannot go on a log axis: the argmax line sits at 0 on a linear one.
  await r.figure('attention-score-gradient.svg', async (file) => writeFile(file, await lineChart(
    kinds.map((k) => ({ name: `${k} attention`, x: steps(runs[k].scoreGradNorm), y: runs[k].scoreGradNorm })),
    { title: '‖dLoss/dscores‖ during training (argmax: exactly 0)', xLabel: 'Adam step (full batch)', yLabel: 'Frobenius norm' })));
}

export async function oneToManyFigure(r: RequirementContext, loss: number[]): Promise<void> {
  await r.figure('one-to-many-loss.svg', async (file) => writeFile(file, await lineChart(
    [{ name: 'training loss', x: steps(loss), y: loss }],
    { title: 'One-to-many RNN (counting): training loss as reported', xLabel: 'reported point', yLabel: 'cross-entropy', logY: true })));
}

export async function lmLossFigure(r: RequirementContext, loss: number[]): Promise<void> {
  await r.figure('char-lm-loss.svg', async (file) => writeFile(file, await lineChart(
    [{ name: 'training loss', x: steps(loss), y: loss }],
    { title: 'Character language model: training cross-entropy as reported', xLabel: 'reported point', yLabel: 'nats per character' })));
}
