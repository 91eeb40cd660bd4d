// Figures: the precision / recall / F1 trade-off against the threshold, the best-so-far reward of
// both search methods (mean over seeds), and the GAN's loss curves.
import { writeFile } from 'node:fs/promises';
import type { ConfusionAtThresholds, SearchResult } from '../../contracts/iust-p6-metrics-ssl.ts';
import type { RequirementContext } from '../../grading/spec.ts';
import { lineChart } from '../../report/charts.ts';

export async function tradeoffFigure(r: RequirementContext, thresholds: Float64Array, c: ConfusionAtThresholds): Promise<void> {
  await r.figure('threshold-tradeoff.svg', async (file) => writeFile(file, await lineChart(
    (['precision', 'recall', 'f1'] as const).map((k) => ({ name: k, x: thresholds, y: c[k] })),
    { title: 'A detector with 10% positives: raising the threshold trades recall for precision', xLabel: 'threshold (predict positive when score >= threshold)', yLabel: 'value' })));
}

export async function searchFigure(r: RequirementContext, runs: Record<'reinforce' | 'random', SearchResult[]>): Promise<void> {
  const curve = (rs: SearchResult[]) => {
    const n = rs[0].rewards.length;
    return Array.from({ length: n }, (_, i) => rs.reduce((s, x) => s + Math.max(...x.rewards.slice(0, i + 1)), 0) / rs.length);
  };
  const series = (['reinforce', 'random'] as const).map((m) => {
    const y = curve(runs[m]);
    return { name: m === 'reinforce' ? 'REINFORCE controller' : 'random search', x: y.map((_, i) => i + 1), y };
  });
  await r.figure('search-best-so-far.svg', async (file) => writeFile(file, await lineChart(series,
    { title: `Best validation R² found so far (mean over ${runs.random.length} seeds)`, xLabel: 'architectures evaluated', yLabel: 'best R² so far' })));
}

export async function ganLossFigure(r: RequirementContext, dLoss: number[], gLoss: number[]): Promise<void> {
  const smooth = (v: number[]) => v.map((_, i) => { const s = v.slice(Math.max(0, i - 24), i + 1); return s.reduce((a, b) => a + b, 0) / s.length; });
  await r.figure('gan-losses.svg', async (file) => writeFile(file, await lineChart([
    { name: 'discriminator', x: dLoss.map((_, i) => i + 1), y: smooth(dLoss) },
    { name: 'generator', x: gLoss.map((_, i) => i + 1), y: smooth(gLoss) },
  ], { title: 'GAN losses (running mean of 25 steps)', xLabel: 'step', yLabel: 'binary cross-entropy' })));
}
