// sjtu-lenet-mynet: the solution trains the seed's LeNet and MyNet on Fashion-MNIST and returns the
// models as artifacts. The grader keeps the test labels: it imports each model, checks it is the
// seed's architecture, scores it on the test images, turns the per-epoch predictions into the test
// accuracy curve, and embeds the output layer with PCA and t-SNE as the seed's figures did.
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { sjtuFunctions, type Arch, type SjtuLenetMynet } from '../src/contracts/sjtu-lenet-mynet.ts';
import { FASHION_CLASSES, loadFashionMnist, stratifiedSubset, type ImageSet, type SplitImageSet } from '../src/data/index.ts';
import { checkArchitecture, describeProblems } from '../src/graders/sjtu-lenet-mynet/architecture.ts';
import { knnAccuracy, pcaMap, spread, tsneMap } from '../src/graders/sjtu-lenet-mynet/embeddings.ts';
import { inputSide } from '../src/graders/sjtu-lenet-mynet/evaluate.ts';
import { curveFigures, mapFigure, netName } from '../src/graders/sjtu-lenet-mynet/figures.ts';
import { trainAndEvaluate, type GradedRun, type NetPlan } from '../src/graders/sjtu-lenet-mynet/run.ts';
import { accuracy } from '../src/grading/checks.ts';
import { RequirementFailed } from '../src/grading/errors.ts';
import { checkProperty } from '../src/grading/properties.ts';
import { byTier } from '../src/grading/run-context.ts';
import { assignment, requirement, type RequirementContext } from '../src/grading/spec.ts';

const envInt = (name: string, fallback: number) => Number.parseInt(process.env[name] ?? '', 10) || fallback;

// What each tier trains and scores. Standard fits the 60 s budget on 2 wasm cores: MyNet trains at
// 50-135 images/s there (LeNet ~700-1,500), so it sees a small subset and is graded on architecture,
// falling loss and a low accuracy bar. Full is the seed's setting: all 60,000 / 10,000 images; its
// epochs can be set with GRADEBENCH_FULL_LENET_EPOCHS / GRADEBENCH_FULL_MYNET_EPOCHS.
const plan = byTier<{ nets: Record<Arch, NetPlan>; test: number; tsne: number; tsneIterations: number }>({
  smoke: { nets: { lenet: { train: 1024, epochs: 2, batch: 32 }, mynet: { train: 192, epochs: 2, batch: 16 } }, test: 500, tsne: 300, tsneIterations: 500 },
  standard: { nets: { lenet: { train: 6000, epochs: 2, batch: 64 }, mynet: { train: 512, epochs: 2, batch: 32 } }, test: 1500, tsne: 500, tsneIterations: 600 },
  full: {
    nets: {
      lenet: { train: 60000, epochs: envInt('GRADEBENCH_FULL_LENET_EPOCHS', 15), batch: 64 },
      mynet: { train: 60000, epochs: envInt('GRADEBENCH_FULL_MYNET_EPOCHS', 5), batch: 64 },
    },
    test: 10000, tsne: 1000, tsneIterations: 1000,
  },
});

// Thresholds. Reference values measured at seeds 0/1/2 as LeNet; MyNet, untrained nets (the
// untrained-model fixture) in brackets; each bar sits below the reference's minimum with margin:
//   smoke     test acc   .612/.624/.612; .662/.730/.646 [.09; .11]         bar .45 each
//             loss ratio .55/.56/.59; .37/.32/.45 [1.0]                     bar .85
//             PCA 5-NN   .47/.48/.54; .51/.62/.55 [.29; .26]                bar .38
//             t-SNE 5-NN .54/.60/.60; .66/.77/.70 [.42; .48]                bar .45
//   standard  test acc   .765/.752/.703; .792/.775/.732 [.09; .10]          bar .60 each
//             loss ratio .60/.62/.63; .40/.37/.42                           bar .85
//             PCA 5-NN   .59/.59/.62; .55/.61/.64 [LeNet .28]               bar .45
//             t-SNE 5-NN .74/.71/.71; .79/.76/.75 [LeNet .53]               bar .60
//   full      test acc   .904; .916 (seed 0; LeNet 15 epochs, MyNet 5)     bar .88 (the brief's), .90
//             loss ratio .29; .42                                           bar .70
//             PCA 5-NN   .55; .67 (lower than standard's for LeNet: larger logits crowd PC 1-2)  bar .45
//             t-SNE 5-NN .88; .91                                           bar .80
//             (one seed: a full run takes 50-80 min here; the accuracy bars are the targets, not a spread)
const bar = byTier({
  smoke: { lenet: 0.45, mynet: 0.45, lossRatio: 0.85, pcaKnn: 0.38, tsneKnn: 0.45 },
  standard: { lenet: 0.6, mynet: 0.6, lossRatio: 0.85, pcaKnn: 0.45, tsneKnn: 0.6 },
  full: { lenet: 0.88, mynet: 0.9, lossRatio: 0.7, pcaKnn: 0.45, tsneKnn: 0.8 },
});

assignment<SjtuLenetMynet>('sjtu-lenet-mynet', { functions: sjtuFunctions, budgetSeconds: { smoke: 120, standard: 300, full: 8 * 3600 } }, (ctx) => {
  let data: Promise<SplitImageSet> | undefined;
  const runs: Partial<Record<Arch, Promise<GradedRun>>> = {};
  const subset = (set: ImageSet, n: number) => (n < set.shape[0] ? stratifiedSubset(set, n, ctx.seed) : set);
  /** The net's graded run, trained once on first use and shared by every requirement. */
  const graded = (arch: Arch, r: RequirementContext) => (runs[arch] ??= (async () => {
    const sol = await ctx.solution();
    const fm = await (data ??= loadFashionMnist());
    return trainAndEvaluate(sol, arch, subset(fm.train, plan.nets[arch].train), subset(fm.test, plan.test), plan.nets[arch], r.seed, r.progress);
  })());

  const architecture = (arch: Arch) => async (r: RequirementContext) => {
    const g = await graded(arch, r);
    const check = checkArchitecture(g.model, arch);
    r.record('layers', check.rows);
    r.record('params', check.params);
    r.record('inputSide', inputSide(g.model));
    if (check.problems.length) throw new RequirementFailed(describeProblems(arch, check));
    // Any batch of any valid images (black, white, noise) gives [n, 10] finite outputs.
    const side = inputSide(g.model);
    await checkProperty(`${netName[arch]} maps [n,${side},${side},1] to [n,10]`, [fc.integer({ min: 1, max: 8 }), fc.double({ min: 0, max: 1, noNaN: true })], async (n, level) => {
      const out = tf.tidy(() => g.model.predict(tf.randomUniform([n, side, side, 1], 0, level + 1e-6, 'float32', r.seed)) as tf.Tensor);
      const values = await out.data();
      const shape = out.shape;
      out.dispose();
      if (shape.join() !== `${n},10`) throw new RequirementFailed(`output shape [${shape}] for ${n} images`);
      if (!values.every(Number.isFinite)) throw new RequirementFailed('output is not finite');
    }, { numRuns: byTier({ smoke: 5, standard: 10, full: 20 }), seed: r.seed });
  };

  const testAccuracy = (arch: Arch) => async (r: RequirementContext) => {
    const g = await graded(arch, r);
    const n = g.testLabels.length;
    r.record('testAccuracy', g.test.accuracy);
    r.record('testCrossEntropy', g.test.crossEntropy);
    r.record('recipe', { ...g.plan, testImages: n });
    r.record('seconds', g.seconds);
    r.record('imagesPerSec', g.imagesPerSec);
    r.leaderboard(`${netName[arch]} test accuracy`, g.test.accuracy);
    r.atLeast(`${netName[arch]} test accuracy on ${n} test images`, g.test.accuracy, bar[arch]);
  };

  requirement('lenet-architecture', { points: 10 }, architecture('lenet'));
  requirement('lenet-test-accuracy', { points: 25 }, testAccuracy('lenet'));
  requirement('mynet-architecture', { points: 10 }, architecture('mynet'));
  requirement('mynet-test-accuracy', { points: 20 }, testAccuracy('mynet'));

  requirement('training-curves', { points: 15 }, async (r) => {
    const checks: Array<() => void> = [];
    const afterEpoch1: Partial<Record<Arch, number>> = {};
    for (const arch of ['lenet', 'mynet'] as const) {
      const g = await graded(arch, r);
      const { loss, trainAccuracy } = g.result.history;
      const preds = g.result.evalPredictions ?? [];
      const testCurve = preds.map((p) => accuracy(p, g.testLabels));
      r.record(arch, { loss, trainAccuracy, testAccuracy: testCurve });
      afterEpoch1[arch] = testCurve[0];
      await curveFigures(r, arch, loss, trainAccuracy, testCurve);
      const net = netName[arch];
      checks.push(() => {
        if (!preds.length) throw new RequirementFailed(`${net}: no evalPredictions, so no test-accuracy curve`);
        // The curve must be honest: its last point is the returned model's own predictions (reference: 1.0).
        r.atLeast(`${net} agreement of the last epoch's predictions with the returned model`, accuracy(preds[preds.length - 1], g.test.predictions), 0.99);
        r.atMost(`${net} training loss, last epoch / first epoch`, loss[loss.length - 1] / loss[0], bar.lossRatio);
      });
    }
    // The seed's observation: with batch norm, MyNet learns faster per epoch.
    r.record('mynetAheadAfterEpoch1', (afterEpoch1.mynet ?? 0) > (afterEpoch1.lenet ?? 0));
    checks.forEach((check) => check()); // both nets' curves are drawn before either can fail
  });

  requirement('output-layer-embeddings', { points: 20 }, async (r) => {
    const maps: Array<{ arch: Arch; pcaKnn: number; tsneKnn: number }> = [];
    for (const arch of ['lenet', 'mynet'] as const) {
      const g = await graded(arch, r);
      const n = g.testLabels.length;
      const pca = pcaMap(g.test.outputs, g.testLabels, spread(n, 2000));
      await mapFigure(r, arch, 'pca', pca, FASHION_CLASSES, `${pca.labels.length} test images; ${(100 * (pca.explained[0] + pca.explained[1])).toFixed(0)}% of variance`);
      r.progress(`${netName[arch]}: t-SNE of ${Math.min(n, plan.tsne)} test images`);
      const map = tsneMap(g.test.outputs, g.testLabels, spread(n, plan.tsne), r.seed, plan.tsneIterations);
      await mapFigure(r, arch, 'tsne', map, FASHION_CLASSES, `${map.labels.length} test images, perplexity 30`);
      maps.push({ arch, pcaKnn: knnAccuracy(pca), tsneKnn: knnAccuracy(map) });
      r.record(arch, { pcaExplained: pca.explained, pcaPoints: pca.labels.length, pcaKnnAccuracy: maps.at(-1)!.pcaKnn, tsneKl: map.kl, tsneKnnAccuracy: maps.at(-1)!.tsneKnn, tsnePoints: map.labels.length });
    }
    const [lenet, mynet] = [await graded('lenet', r), await graded('mynet', r)];
    r.record('conclusions', { // the seed's two observations, as this run found them
      mynetBetter: mynet.test.accuracy > lenet.test.accuracy,
      tsneSeparatesBetter: maps.every((m) => m.tsneKnn > m.pcaKnn),
    });
    // Random features already cluster a little (untrained nets: t-SNE 0.42-0.53, PCA 0.26-0.29);
    // a trained output layer also spreads the classes along its leading directions (PCA).
    for (const { arch, pcaKnn, tsneKnn } of maps) {
      r.atLeast(`${netName[arch]} 5-NN accuracy inside the PCA map of the output layer`, pcaKnn, bar.pcaKnn);
      r.atLeast(`${netName[arch]} 5-NN accuracy inside the t-SNE map of the output layer`, tsneKnn, bar.tsneKnn);
    }
  });
});
