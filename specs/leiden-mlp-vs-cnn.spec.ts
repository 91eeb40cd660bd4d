// leiden-mlp-vs-cnn: the solution trains an MLP (3 hidden layers) and a CNN (3 conv + 2 dense) on
// Fashion-MNIST and on CIFAR-10 (the data mirror's JPEG copy) and returns each model as an
// artifact. The grader splits off its own validation images (handed over without labels), keeps
// the test set to itself, and computes the seed's table, train / validation / test accuracy per
// dataset and network, from the imported models.
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { inputShapes, mlpVsCnnFunctions, type Arch, type Dataset, type LeidenMlpVsCnn } from '../src/contracts/leiden-mlp-vs-cnn.ts';
import { loadCifar10Jpeg, loadFashionMnist, stratifiedSubset, type SplitImageSet } from '../src/data/index.ts';
import { splitTrainValidation } from '../src/graders/leiden-mlp-vs-cnn/evaluate.ts';
import { curveFigures, datasetName } from '../src/graders/leiden-mlp-vs-cnn/figures.ts';
import { trainAndEvaluate, type GradedRun } from '../src/graders/leiden-mlp-vs-cnn/run.ts';
import { plan, bar } from '../src/graders/leiden-mlp-vs-cnn/plan.ts';
import { RequirementFailed } from '../src/grading/errors.ts';
import { checkProperty } from '../src/grading/properties.ts';
import { byTier } from '../src/grading/run-context.ts';
import { assignment, requirement, type RequirementContext } from '../src/grading/spec.ts';

const DATASETS: Dataset[] = ['fashion-mnist', 'cifar10'];
const ARCHS: Arch[] = ['mlp', 'cnn'];

assignment<LeidenMlpVsCnn>('leiden-mlp-vs-cnn', { functions: mlpVsCnnFunctions, budgetSeconds: { smoke: 120, standard: 300, full: 3600 } }, (ctx) => {
  const data: Partial<Record<Dataset, Promise<SplitImageSet>>> = {};
  const runs: Partial<Record<string, Promise<GradedRun>>> = {};
  const load = (d: Dataset) => (data[d] ??= d === 'cifar10' ? loadCifar10Jpeg() : loadFashionMnist());
  /** The (dataset, network) run, trained once on first use and shared by every requirement. */
  const graded = (dataset: Dataset, arch: Arch, r: RequirementContext) => (runs[`${dataset}/${arch}`] ??= (async () => {
    const sol = await ctx.solution();
    const p = plan[dataset];
    const set = await load(dataset);
    // the same split for both networks: they are compared on the same images
    const split = splitTrainValidation(set.train, p.validation, p.train, p.trainSample, ctx.seed);
    const test = p.test < set.test.shape[0] ? stratifiedSubset(set.test, p.test, ctx.seed) : set.test;
    return trainAndEvaluate(sol, dataset, arch, split, test, { epochs: p.epochs[arch], batch: p.batch[arch] }, r.seed, r.progress);
  })());

  const testAccuracy = (dataset: Dataset, arch: Arch) => async (r: RequirementContext) => {
    const g = await graded(dataset, arch, r);
    r.record('accuracy', g.accuracy);
    r.record('recipe', g.plan);
    r.record('seconds', g.seconds);
    r.record('imagesPerSec', g.imagesPerSec);
    r.record('params', g.architecture.params);
    const label = `${datasetName[dataset]} ${arch.toUpperCase()}`;
    r.leaderboard(`${label} test accuracy`, g.accuracy.test);
    r.atLeast(`${label} test accuracy on ${g.plan.testImages} test images`, g.accuracy.test, bar[dataset][arch]);
  };
  for (const dataset of DATASETS) for (const arch of ARCHS) requirement(`${dataset}-${arch}-accuracy`, { points: 15 }, testAccuracy(dataset, arch));

  requirement('architectures', { points: 10 }, async (r) => {
    const problems: string[] = [];
    const rows: Record<string, unknown> = {};
    for (const dataset of DATASETS) for (const arch of ARCHS) {
      const g = await graded(dataset, arch, r);
      const a = g.architecture;
      rows[`${dataset}/${arch}`] = { layers: a.layers.join(' → '), conv: a.conv, dense: a.dense, params: a.params };
      if (a.problems.length) { problems.push(`${datasetName[dataset]} ${arch.toUpperCase()}: ${a.problems.join('; ')}`); continue; }
      // Any batch of valid images (black to white, noise) gives [n, 10] finite outputs.
      await checkProperty(`${dataset} ${arch} maps [n,${inputShapes[dataset]}] to [n,10]`, [fc.integer({ min: 1, max: 8 }), fc.double({ min: 0, max: 1, noNaN: true })], async (n, level) => {
        const out = tf.tidy(() => g.model.predict(tf.randomUniform([n, ...inputShapes[dataset]], 0, level + 1e-6, 'float32', r.seed + 1)) as tf.Tensor);
        const [values, shape] = [await out.data(), out.shape];
        out.dispose();
        if (shape.join() !== `${n},10`) throw new RequirementFailed(`output shape [${shape}] for ${n} images`);
        if (!values.every(Number.isFinite)) throw new RequirementFailed('output is not finite');
      }, { numRuns: byTier({ smoke: 3, standard: 5, full: 10 }), seed: r.seed });
    }
    r.record('layers', rows);
    if (problems.length) throw new RequirementFailed(problems.join(' | '));
  });

  requirement('training-curves', { points: 15 }, async (r) => {
    const checks: Array<() => void> = [];
    const curves: Record<string, unknown> = {};
    for (const dataset of DATASETS) {
      const pair = await Promise.all(ARCHS.map((arch) => graded(dataset, arch, r)));
      await curveFigures(r, dataset, pair);
      for (const g of pair) {
        const label = `${datasetName[dataset]} ${g.arch.toUpperCase()}`;
        curves[`${dataset}/${g.arch}`] = { loss: g.loss, validation: g.validationCurve, lossRatio: g.loss[g.loss.length - 1] / g.loss[0] };
        checks.push(() => {
          // The curve must be honest: its last point is the returned model's own predictions (reference 1.0).
          r.atLeast(`${label}: agreement of the last epoch's validation predictions with the returned model`, g.lastAgreement, 0.99);
          r.atMost(`${label}: training loss, last epoch / first epoch`, g.loss[g.loss.length - 1] / g.loss[0], bar.lossRatio[dataset]);
        });
      }
    }
    r.record('curves', curves);
    checks.forEach((check) => check()); // every curve is drawn before any check can fail
  });

  requirement('cnn-beats-mlp-on-cifar10', { points: 15 }, async (r) => {
    const [mlp, cnn] = [await graded('cifar10', 'mlp', r), await graded('cifar10', 'cnn', r)];
    const [fmMlp, fmCnn] = [await graded('fashion-mnist', 'mlp', r), await graded('fashion-mnist', 'cnn', r)];
    const gap = cnn.accuracy.test - mlp.accuracy.test;
    r.record('cifarGap', gap);
    r.record('fashionGap', fmCnn.accuracy.test - fmMlp.accuracy.test);
    r.record('conclusions', { cifarCnnBetter: gap > 0, fashionCnnBetter: fmCnn.accuracy.test > fmMlp.accuracy.test });
    r.atLeast('CIFAR-10 test accuracy, CNN minus MLP', gap, bar.cifarGap);
  });
});
