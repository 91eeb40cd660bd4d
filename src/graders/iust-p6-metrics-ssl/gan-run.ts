// One graded GAN run: train the judge on real images, train the solution's GAN with checkpoints,
// score every checkpoint's samples, compare the losses around the first and last checkpoints, and
// write the loss curves, the score curve and a sample grid (one row per checkpoint).
import { writeFile } from 'node:fs/promises';
import type { IustP6MetricsSsl } from '../../contracts/iust-p6-metrics-ssl.ts';
import { stratifiedSubset, type SplitImageSet } from '../../data/index.ts';
import { RequirementFailed } from '../../grading/errors.ts';
import type { RequirementContext } from '../../grading/spec.ts';
import { lineChart } from '../../report/charts.ts';
import { ganLossFigure } from './figures.ts';
import { imageGrid, judgeProbabilities, qualityScores, trainJudge } from './gan.ts';

const SAMPLES = 500;
const windowMean = (v: number[], end: number, width: number) => {
  const s = v.slice(Math.max(0, end - width), end);
  return s.reduce((a, b) => a + b, 0) / s.length;
};

export async function ganRun(sol: IustP6MetricsSsl, fm: SplitImageSet, steps: number, trainSize: number, r: RequirementContext) {
  const judge = await trainJudge(stratifiedSubset(fm.train, 5000, 1000 + r.seed), 2, r.seed);
  const real = qualityScores(await judgeProbabilities(judge, stratifiedSubset(fm.test, SAMPLES, r.seed).images));
  const train = stratifiedSubset(fm.train, trainSize, r.seed);
  const checkpoints = [0.1, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * steps));
  const res = await sol.trainGan({ images: train.images, shape: train.shape }, { steps, batchSize: 64, seed: r.seed, checkpoints, samplesPerCheckpoint: SAMPLES });
  if (res?.dLoss?.length !== steps || res.gLoss?.length !== steps) throw new RequirementFailed(`trainGan: expected ${steps} losses each, got ${res?.dLoss?.length} and ${res?.gLoss?.length}`);
  const scored: Array<ReturnType<typeof qualityScores> & { step: number; dLoss: number; gLoss: number }> = [];
  for (const step of checkpoints) {
    const s = res.samples?.find((x) => x.step === step);
    if (!s || !(s.images instanceof Uint8Array) || s.images.length !== SAMPLES * 784) throw new RequirementFailed(`trainGan: no ${SAMPLES} samples [${SAMPLES},28,28,1] for checkpoint ${step}`);
    const width = Math.max(10, Math.round(0.05 * steps)); // losses over the steps just before the checkpoint
    scored.push({ step, ...qualityScores(await judgeProbabilities(judge, s.images)), dLoss: windowMean(res.dLoss, step, width), gLoss: windowMean(res.gLoss, step, width) });
  }
  judge.dispose();
  r.record('checkpoints', scored);
  r.record('real', real);
  await ganLossFigure(r, res.dLoss, res.gLoss);
  await r.figure('gan-quality.svg', async (file) => writeFile(file, await lineChart([
    { name: 'generated samples', x: scored.map((s) => s.step), y: scored.map((s) => s.inceptionLike) },
    { name: 'real test images', x: [scored[0].step, scored.at(-1)!.step], y: [real.inceptionLike, real.inceptionLike] },
  ], { title: 'Inception-like score of the grader’s classifier', xLabel: 'step', yLabel: 'exp E[KL(p(y|x) || p(y))]' })));
  await r.figure('gan-samples.png', async (file) => writeFile(file, imageGrid(checkpoints.map((c) => res.samples.find((x) => x.step === c)!.images), 12)));
  return { first: scored[0], last: scored.at(-1)!, scored };
}
