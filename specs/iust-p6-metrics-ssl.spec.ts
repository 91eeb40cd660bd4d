// iust-p6-metrics-ssl: the grader counts TP/FP/TN/FN by brute force, rotates held-out images and
// scores every returned model on test labels it kept, measures word vectors on held-out text,
// re-evaluates every architecture a search reports, and judges GAN samples with its own classifier.
import fc from 'fast-check';
import { p6Functions, type IustP6MetricsSsl } from '../src/contracts/iust-p6-metrics-ssl.ts';
import { loadAgNews, loadFashionMnist, stratifiedSubset, type SplitImageSet } from '../src/data/index.ts';
import { makeRng, permutation } from '../src/engine/seed.ts';
import { compareSearches } from '../src/graders/iust-p6-metrics-ssl/compare.ts';
import { ganRun } from '../src/graders/iust-p6-metrics-ssl/gan-run.ts';
import { bruteCounts, bruteOperatingPoint, detectorScores } from '../src/graders/iust-p6-metrics-ssl/metrics.ts';
import { tradeoffFigure } from '../src/graders/iust-p6-metrics-ssl/figures.ts';
import { predictArtifact, rotateAll } from '../src/graders/iust-p6-metrics-ssl/ssl.ts';
import { cooccurrenceAuc, neighbours } from '../src/graders/iust-p6-metrics-ssl/word2vec.ts';
import { accuracy, expectArray } from '../src/grading/checks.ts';
import { RequirementFailed } from '../src/grading/errors.ts';
import { checkProperty } from '../src/grading/properties.ts';
import { byTier } from '../src/grading/run-context.ts';
import { assignment, requirement } from '../src/grading/spec.ts';

const plan = byTier({
  smoke: { runs: 30, unlabelled: 500, rotEpochs: 1, labels: 100, ftEpochs: 10, ftSeeds: 1, test: 500, w2vTexts: 4000, w2vEpochs: 3, searchSeeds: 6, budget: 40, ganSteps: 300, ganTrain: 2000 },
  standard: { runs: 100, unlabelled: 2000, rotEpochs: 1, labels: 100, ftEpochs: 30, ftSeeds: 1, test: 2000, w2vTexts: 6000, w2vEpochs: 4, searchSeeds: 10, budget: 60, ganSteps: 400, ganTrain: 5000 },
  full: { runs: 500, unlabelled: 10000, rotEpochs: 3, labels: 100, ftEpochs: 50, ftSeeds: 3, test: 10000, w2vTexts: 6000, w2vEpochs: 5, searchSeeds: 100, budget: 60, ganSteps: 3000, ganTrain: 20000 },
});
// Thresholds. Reference values at seeds 0/1/2 (smoke: seed 0), margins below the worst:
//   rotation accuracy    smoke .570            standard .808/.832/.815      full: TODO (ours, 1 draw: .945)
//   pretrained accuracy  smoke .586            standard .640/.694/.677
//   pretrained - scratch smoke +.018           standard -.025/+.023/+.005   full recipe (10k unlabelled x 3 epochs, 50 fine-tune epochs; one label draw per seed, outside the spec): +.021/+.023/+.017
//   co-occurrence AUC    smoke .564            standard .640/.636/TODO  (random vectors: .50 +- .01)
//   REINFORCE - random, last-quarter mean R²: smoke +.228; standard +.175/+.196/TODO
//   inception-like gain  smoke +.53            standard +1.03/+.97/TODO (untrained generator: 0)
//   D loss last / first checkpoint: smoke 1.11; standard .89/.72/TODO
// The few-label margin of rotation pretraining is not reliable at the standard budget (its sign
// changes with the seed), so standard checks weaker true statements and the full tier the margin.
const bar = byTier({
  smoke: { rotation: 0.4, pretrainedAcc: 0.3, sslMargin: -0.1, auc: 0.53, lastQuarter: 0.05, isGain: 0.2 },
  standard: { rotation: 0.7, pretrainedAcc: 0.5, sslMargin: -0.08, auc: 0.58, lastQuarter: 0.1, isGain: 0.5 },
  full: { rotation: 0.85, pretrainedAcc: 0.6, sslMargin: 0.005, auc: 0.58, lastQuarter: 0.1, isGain: 0.5 },
});

const scoresArb = fc.integer({ min: 1, max: 40 }).chain((n) => fc.record({
  // a small pool of values makes ties between scores, and between scores and thresholds, common
  pool: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 8 }),
  picks: fc.array(fc.nat(), { minLength: n, maxLength: n }),
  labels: fc.oneof(fc.constant('none'), fc.constant('all'), fc.array(fc.boolean(), { minLength: n, maxLength: n })),
  extra: fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { maxLength: 4 }),
}, { noNullPrototype: true })).map(({ pool, picks, labels, extra }) => {
  const scores = Float64Array.from(picks, (p) => pool[p % pool.length]);
  const y = Uint8Array.from(picks, (_, i) => (labels === 'none' ? 0 : labels === 'all' ? 1 : labels[i] ? 1 : 0));
  return { scores, labels: y, thresholds: Float64Array.from([...pool, ...extra, Math.max(...pool) + 1]) };
});

assignment<IustP6MetricsSsl>('iust-p6-metrics-ssl', { functions: p6Functions, budgetSeconds: { smoke: 120, standard: 300, full: 4 * 3600 } }, (ctx) => {
  let fashion: Promise<SplitImageSet> | undefined;

  requirement('confusion-counts', { points: 15 }, async (r) => {
    const sol = await ctx.solution();
    await checkProperty('confusionAtThresholds equals a brute-force count', [scoresArb], async ({ scores, labels, thresholds }) => {
      const got = await sol.confusionAtThresholds(scores, labels, thresholds);
      const K = thresholds.length;
      for (const key of ['tp', 'fp', 'tn', 'fn', 'precision', 'recall', 'f1'] as const) expectArray({ data: got?.[key], shape: [got?.[key]?.length] }, `confusionAtThresholds ${key}`, [K]);
      thresholds.forEach((t, k) => {
        const want = bruteCounts(scores, labels, t);
        for (const key of ['tp', 'fp', 'tn', 'fn', 'precision', 'recall', 'f1'] as const) {
          if (Math.abs(got[key][k] - want[key]) > 1e-12) throw new RequirementFailed(`${key} at threshold ${t} (predict positive when score >= threshold) is ${got[key][k]}, expected ${want[key]} (${labels.reduce((a, b) => a + b, 0)} positives of ${labels.length})`);
        }
      });
    }, { numRuns: plan.runs, seed: r.seed });
  });

  requirement('threshold-tradeoff', { points: 10 }, async (r) => {
    const sol = await ctx.solution();
    const constraint = fc.record({ metric: fc.constantFrom<'precision' | 'recall'>('precision', 'recall'), atLeast: fc.oneof(fc.constantFrom(0, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true })) }, { noNullPrototype: true });
    await checkProperty('operatingPoint equals a brute-force search over the distinct scores', [scoresArb, constraint], async ({ scores, labels }, c) => {
      const got = await sol.operatingPoint(scores, labels, c);
      const want = bruteOperatingPoint(scores, labels, c);
      if (got?.threshold !== want.threshold || Math.abs(got.precision - want.precision) > 1e-12 || Math.abs(got.recall - want.recall) > 1e-12) {
        throw new RequirementFailed(`operatingPoint(${c.metric} >= ${c.atLeast}) gave ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      }
    }, { numRuns: plan.runs, seed: r.seed });
    // A rare-positive detector (10% positives) as a worked example for the report.
    const { scores, labels } = detectorScores(2000, 0.1, 2, r.seed);
    const thresholds = Float64Array.from({ length: 41 }, (_, i) => -2 + i * 0.15);
    const curve = await sol.confusionAtThresholds(scores, labels, thresholds);
    await tradeoffFigure(r, thresholds, curve);
    r.record('operatingPoints', {
      precision90: await sol.operatingPoint(scores, labels, { metric: 'precision', atLeast: 0.9 }),
      recall90: await sol.operatingPoint(scores, labels, { metric: 'recall', atLeast: 0.9 }),
      bestF1: Math.max(...curve.f1),
    });
  });

  requirement('rotation-pretraining', { points: 20 }, async (r) => {
    const sol = await ctx.solution();
    const fm = await (fashion ??= loadFashionMnist());
    const pool = stratifiedSubset(fm.train, plan.unlabelled + plan.labels, r.seed);
    const test = plan.test < fm.test.shape[0] ? stratifiedSubset(fm.test, plan.test, r.seed) : fm.test;
    const rot = await sol.pretrainRotation({ images: pool.images, shape: pool.shape }, { epochs: plan.rotEpochs, batchSize: 64, seed: r.seed });
    const rng = makeRng(`turns:${r.seed}`);
    const turns = Int32Array.from({ length: test.shape[0] }, () => Math.floor(rng() * 4));
    const rotationAccuracy = accuracy(await predictArtifact(rot.model, rotateAll(test, turns), 4, 'rotation model'), turns);
    const rows: Array<{ seed: number; scratch: number; pretrained: number; difference: number }> = [];
    for (let s = 0; s < plan.ftSeeds; s++) { // the labelled subset and the initialisation change with s
      const labelled = stratifiedSubset(pool, plan.labels, 100 * r.seed + s);
      const options = { epochs: plan.ftEpochs, batchSize: 20, seed: 100 * r.seed + s };
      const scratch = await sol.trainClassifier(labelled, options);
      const pre = await sol.trainClassifier(labelled, { ...options, pretrained: rot.model });
      const accs = { scratch: accuracy(await predictArtifact(scratch.model, test, 10, 'classifier from scratch'), test.labels), pretrained: accuracy(await predictArtifact(pre.model, test, 10, 'pretrained classifier'), test.labels) };
      rows.push({ seed: s, ...accs, difference: accs.pretrained - accs.scratch });
    }
    const mean = (k: 'scratch' | 'pretrained') => rows.reduce((a, x) => a + x[k], 0) / rows.length;
    r.record('rotationAccuracy', rotationAccuracy);
    r.record('rotationLoss', rot.loss);
    r.record('runs', rows);
    r.record('recipe', { unlabelled: plan.unlabelled, rotatedExamples: 4 * (plan.unlabelled + plan.labels), rotationEpochs: plan.rotEpochs, labels: plan.labels, fineTuneEpochs: plan.ftEpochs, testImages: test.shape[0] });
    r.record('margin', mean('pretrained') - mean('scratch'));
    r.leaderboard('few-label accuracy with rotation pretraining', mean('pretrained'));
    r.atLeast(`rotation accuracy on ${test.shape[0]} grader-rotated test images (chance 0.25)`, rotationAccuracy, bar.rotation);
    r.atLeast(`pretrained classifier test accuracy with ${plan.labels} labels`, mean('pretrained'), bar.pretrainedAcc);
    r.atLeast(`mean test accuracy, pretrained - from scratch, over ${rows.length} label draw(s)`, mean('pretrained') - mean('scratch'), bar.sslMargin);
  });

  requirement('word2vec-cooccurrence', { points: 20 }, async (r) => {
    const sol = await ctx.solution();
    const ag = await loadAgNews();
    const order = permutation(ag.texts.length, makeRng(`ag-split:${r.seed}`));
    const train = Array.from(order.subarray(0, plan.w2vTexts), (i) => ag.texts[i]);
    const heldOut = Array.from(order.subarray(6000), (i) => ag.texts[i]); // 1600 texts never trained on
    const wv = await sol.trainSkipGram(train, { dim: 32, window: 2, negatives: 3, epochs: plan.w2vEpochs, minCount: 5, seed: r.seed });
    const V = wv?.vocab?.length ?? 0;
    expectArray(wv?.vectors, 'trainSkipGram vectors', [V, 32]);
    const result = cooccurrenceAuc(wv, heldOut, 5000, r.seed);
    r.record('auc', result);
    r.record('vocab', V);
    r.record('neighbours', neighbours(wv, ['oil', 'game', 'microsoft', 'president', 'iraq', 'season']));
    r.leaderboard('co-occurrence AUC', result.auc);
    r.atLeast('AUC: held-out co-occurring pairs vs random pairs (cosine)', result.auc, bar.auc);
  });

  requirement('nas-reinforce-vs-random', { points: 15 }, async (r) => {
    const sol = await ctx.solution();
    const c = await compareSearches(sol, plan.searchSeeds, plan.budget, r);
    r.record('comparison', c.summary);
    r.atLeast('REINFORCE - random: mean reward of the last quarter of the budget', c.summary.reinforce.lastQuarter - c.summary.random.lastQuarter, bar.lastQuarter);
    if (ctx.tier === 'full') r.atLeast('REINFORCE - random: mean best reward found', c.summary.reinforce.best - c.summary.random.best, 0);
  });

  requirement('gan-quality-vs-loss', { points: 20 }, async (r) => {
    const sol = await ctx.solution();
    const fm = await (fashion ??= loadFashionMnist());
    const g = await ganRun(sol, fm, plan.ganSteps, plan.ganTrain, r);
    r.atLeast('inception-like score, last checkpoint - first checkpoint', g.last.inceptionLike - g.first.inceptionLike, bar.isGain);
    // Meanwhile the losses show no such trend: D's loss stays within a factor 2 of where it was
    // (G's, non-saturating, even rises: recorded, not required, as other losses behave otherwise).
    const ratio = g.last.dLoss / g.first.dLoss;
    r.record('dLossRatio', ratio);
    r.atLeast('discriminator loss, last checkpoint / first checkpoint', ratio, 0.5);
    r.atMost('discriminator loss, last checkpoint / first checkpoint', ratio, 2);
  });
});
