// leiden-distance-knn: the grader keeps every label. It checks the classifiers' rules on synthetic
// cases with known answers (fast-check), scores both classifiers on seeded stratified MNIST subsets
// of the seed's sizes (the seed's Correct / Incorrect / Accuracy table, train and test), runs k-NN on
// a large training set (full MNIST at the full tier), and measures the 2-D embeddings itself:
// variance captured (PCA) and same-digit neighbourhoods kept (all three).
import fc from 'fast-check';
import { writeFile } from 'node:fs/promises';
import { distanceKnnFunctions, distanceKnnPackages, type ClassifyOptions, type EmbeddingMethod, type LeidenDistanceKnn } from '../src/contracts/leiden-distance-knn.ts';
import { stratifiedSubset } from '../src/data/index.ts';
import { expectArray } from '../src/grading/checks.ts';
import { RequirementFailed } from '../src/grading/errors.ts';
import { checkProperty } from '../src/grading/properties.ts';
import { byTier } from '../src/grading/run-context.ts';
import type { Guarded } from '../src/grading/solution-loader.ts';
import { assignment, requirement, type RequirementContext } from '../src/grading/spec.ts';
import { centroidCase, clusters, memorise, voteCase } from '../src/graders/leiden-distance-knn/cases.ts';
import { labelled, subsetSeeds, subsetSizes, subsets, unlabelled } from '../src/graders/leiden-distance-knn/data.ts';
import { capturedRatio, centred, neighbourAccuracy, pcaTopTwoRatio } from '../src/graders/leiden-distance-knn/embedding-metrics.ts';
import { expectPredictions, meanRow, scoreRow, seedRow } from '../src/graders/leiden-distance-knn/scores.ts';
import { scatterChart } from '../src/report/charts.ts';

const K = 3; // k of the k-NN recipe: best of k = 1, 3, 5 on the reference's subsets (95.8 / 96.1 / 96.0%)
const SEED_TABLE = { centroid: { train: seedRow(1474, 233), test: seedRow(804, 196) }, knn: { train: seedRow(1671, 36), test: seedRow(914, 86) } };
const runs = () => byTier({ smoke: 4, standard: 25, full: 60 }); // fast-check runs per property

type Sol = Guarded<LeidenDistanceKnn>;
const meanOf = (r: RequirementContext) => (subsetSeeds(r.seed).length > 1 ? `, mean of ${subsetSeeds(r.seed).length} subsets` : '');

/** Predicts train and test of every subset seed; the grader scores them against its labels. */
async function scoreClassifier(sol: Sol, r: RequirementContext, options: ClassifyOptions) {
  const perSeed = [];
  for (const seed of subsetSeeds(r.seed)) {
    const { train, test } = await subsets(seed);
    r.progress(`${options.method} on subset ${seed}`);
    const where = `leiden-distance-knn.classify(${options.method})`;
    const onTrain = expectPredictions(await sol.classify(labelled(train), unlabelled(train), options), train.labels.length, where);
    const onTest = expectPredictions(await sol.classify(labelled(train), unlabelled(test), options), test.labels.length, where);
    perSeed.push({ seed, train: scoreRow(onTrain, train.labels), test: scoreRow(onTest, test.labels) });
  }
  const train = meanRow(perSeed.map((s) => s.train)), test = meanRow(perSeed.map((s) => s.test));
  r.record('sizes', subsetSizes());
  r.record('perSeed', perSeed);
  return { train, test, perSeed };
}

function recordTable(r: RequirementContext, name: string, ours: { train: ReturnType<typeof meanRow>; test: ReturnType<typeof meanRow> }, seed: typeof SEED_TABLE.knn) {
  r.record('rows', (['train', 'test'] as const).map((set) => ({ classifier: name, dataset: set === 'train' ? 'Train' : 'Test', ours: ours[set], seed: seed[set] })));
}

assignment<LeidenDistanceKnn>('leiden-distance-knn', { functions: distanceKnnFunctions, packages: distanceKnnPackages, budgetSeconds: { smoke: 60, standard: 180, full: 3600 } }, (ctx) => {
  requirement('centroid-separable-clusters', { points: 10 }, async (r) => {
    const sol = await ctx.solution();
    await checkProperty('nearest centroid classifies fresh copies of separated clusters, by class means', [fc.nat(1e6), fc.integer({ min: 2, max: 10 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 6 })],
      async (seed, classes, perClass, jitter) => {
        const { train, queries } = clusters(seed, classes, perClass, jitter);
        const pred = expectPredictions(await sol.classify(train, unlabelled(queries), { method: 'centroid' }), classes, 'leiden-distance-knn.classify(centroid)');
        const wrong = queries.labels.findIndex((c, i) => pred[i] !== c);
        if (wrong >= 0) throw new RequirementFailed(`a query from the cluster of class ${queries.labels[wrong]} was predicted ${pred[wrong]} (${classes} clusters of ${perClass}, jitter ${jitter})`);
        const odd = centroidCase(seed);
        const [got] = expectPredictions(await sol.classify(odd.train, unlabelled(odd.query), { method: 'centroid' }), 1, 'leiden-distance-knn.classify(centroid)') as number[];
        if (got !== odd.want) throw new RequirementFailed(`a query whose nearest training image is of class ${odd.nearestImage} but whose nearest class mean is that of ${odd.want} was predicted ${got}: is the centroid the mean of the class?`);
      }, { numRuns: runs(), seed: r.seed });
  });

  requirement('knn-memorises-training-set', { points: 10 }, async (r) => {
    const sol = await ctx.solution();
    await checkProperty('1-NN on its own training images returns their labels', [fc.nat(1e6), fc.integer({ min: 2, max: 40 })], async (seed, n) => {
      const set = memorise(seed, n);
      const pred = expectPredictions(await sol.classify(set, unlabelled(set), { method: 'knn', k: 1 }), n, 'leiden-distance-knn.classify(knn)');
      const wrong = set.labels.findIndex((c, i) => pred[i] !== c);
      if (wrong >= 0) throw new RequirementFailed(`training image ${wrong} (label ${set.labels[wrong]}) was predicted ${pred[wrong]} with k = 1: its nearest neighbour is itself`);
    }, { numRuns: runs(), seed: r.seed });
    const { train } = await subsets(subsetSeeds(r.seed)[0]);
    const pred = expectPredictions(await sol.classify(labelled(train), unlabelled(train), { method: 'knn', k: 1 }), train.labels.length, 'leiden-distance-knn.classify(knn)');
    r.atLeast('1-NN accuracy on its own MNIST training subset', scoreRow(pred, train.labels).accuracy, 1);
  });

  requirement('knn-majority-vote-uses-k', { points: 10 }, async (r) => {
    const sol = await ctx.solution();
    await checkProperty('k-NN takes a plain majority among exactly k neighbours', [fc.nat(1e6), fc.constantFrom(3, 5, 7), fc.integer({ min: 3, max: 10 })], async (seed, k, extra) => {
      const { train, query, a, b, major } = voteCase(seed, k, k + extra);
      const n = train.labels.length;
      for (const [kk, want, why] of [[1, a, 'its nearest neighbour is the query itself'], [k, b, `${k - 1} of its ${k} nearest neighbours have label ${b}; is k used, and is every vote equal?`],
        [n, major, `with k = n every training image votes and ${major} is the most common label`]] as const) {
        const [got] = expectPredictions(await sol.classify(train, unlabelled(query), { method: 'knn', k: kk }), 1, 'leiden-distance-knn.classify(knn)') as number[];
        if (got !== want) throw new RequirementFailed(`with k = ${kk} the query was predicted ${got}, expected ${want}: ${why}`);
      }
    }, { numRuns: runs(), seed: r.seed });
  });

  requirement('distance-classifier-accuracy', { points: 15 }, async (r) => {
    const { train, test } = await scoreClassifier(await ctx.solution(), r, { method: 'centroid' });
    recordTable(r, 'Distance', { train, test }, SEED_TABLE.centroid);
    // Reference (deskewed, blurred, unit-length pixels), five subsets: test 0.8674 mean, 0.8580 min
    // (raw pixels 0.8092, the seed 0.8040); smoke (300 / 200), seeds 0-2: 0.865, 0.870, 0.905.
    // Full: the seed's 0.804.
    r.atLeast(`nearest-centroid test accuracy${meanOf(r)}`, test.accuracy, byTier({ smoke: 0.7, standard: 0.83, full: SEED_TABLE.centroid.test.accuracy }));
    r.leaderboard('distance classifier test accuracy', test.accuracy);
  });

  requirement('knn-accuracy', { points: 20 }, async (r) => {
    const { train, test } = await scoreClassifier(await ctx.solution(), r, { method: 'knn', k: K });
    recordTable(r, `k-NN (k = ${K})`, { train, test }, SEED_TABLE.knn);
    r.record('k', K);
    // Reference, five subsets: test 0.9614 mean, 0.9570 min (raw pixels 0.9168); train 0.9811
    // (the seed 0.9789); smoke, seeds 0-2: 0.935, 0.900, 0.920. Full: the seed's 0.914, as the issue asks.
    r.atLeast(`${K}-NN test accuracy${meanOf(r)}`, test.accuracy, byTier({ smoke: 0.8, standard: 0.93, full: SEED_TABLE.knn.test.accuracy }));
    r.leaderboard('k-NN test accuracy', test.accuracy);
  });

  requirement('knn-large-training-set', { points: 10 }, async (r) => {
    const sol = await ctx.solution();
    const sizes = byTier({ smoke: { train: 2000, test: 500 }, standard: { train: 10000, test: 2000 }, full: { train: 60000, test: 10000 } });
    const { train, test } = await subsets(r.seed, sizes);
    const t0 = performance.now();
    const pred = expectPredictions(await sol.classify(labelled(train), unlabelled(test), { method: 'knn', k: K }), test.labels.length, 'leiden-distance-knn.classify(knn)');
    const row = scoreRow(pred, test.labels);
    r.record('result', { ...sizes, ...row, seconds: (performance.now() - t0) / 1000 });
    // Reference, seeds 0-4: 2000 / 500: 0.9636 mean, 0.958 min; 10000 / 2000: 0.9769 mean, 0.9745 min;
    // full MNIST 60000 / 10000: 0.9846. Full tier: the 0.97.
    r.atLeast(`${K}-NN test accuracy, ${sizes.train} training / ${sizes.test} test images`, row.accuracy, byTier({ smoke: 0.9, standard: 0.95, full: 0.97 }));
  });

  /** Embeds a stratified sample of the first training subset; returns it with its coordinates [n, 2]. */
  async function embedding(r: RequirementContext, method: EmbeddingMethod, n: number, title: string) {
    const sol = await ctx.solution();
    const sample = stratifiedSubset((await subsets(subsetSeeds(r.seed)[0])).train, n, r.seed);
    const t0 = performance.now();
    const y = expectArray(await sol.embed(unlabelled(sample), { method, seed: r.seed }), `leiden-distance-knn.embed(${method})`, [n, 2]).data;
    const seconds = (performance.now() - t0) / 1000;
    const kept = neighbourAccuracy(y, sample.labels, 5);
    await r.figure(`${method}.svg`, async (file) => writeFile(file, await scatterChart(y, sample.labels,
      { title: `${title} of ${n} MNIST training digits`, xLabel: `${title} 1`, yLabel: `${title} 2` })));
    r.record('embedding', { method, n, seconds, neighbourAccuracy: kept });
    return { y, sample, kept };
  }

  requirement('pca-embedding', { points: 8 }, async (r) => {
    const n = byTier({ smoke: 200, standard: 1707, full: 1707 });
    const { y, sample, kept } = await embedding(r, 'pca', n, 'PCA');
    const { x, total } = centred(sample.images, n, 784);
    const best = pcaTopTwoRatio(x, n, 784, total), got = capturedRatio(x, n, 784, total, y);
    r.record('variance', { captured: got, graderTopTwo: best });
    // Reference: captured / grader's top-two share = 1.0000 on subsets 0-4 (0.165-0.172 of the variance).
    r.atLeast('variance share of the 2-D span / that of the top two principal axes (grader\'s PCA)', got / best, 0.99);
    // Reference: 5-NN accuracy in the PCA plane 0.384-0.422 on subsets 0-4 (n = 1707), smoke (n = 200)
    // 0.33-0.41; 10-class chance is 0.10.
    r.atLeast('leave-one-out 5-NN accuracy in the PCA plane', kept, byTier({ smoke: 0.25, standard: 0.3, full: 0.3 }));
  });

  requirement('tsne-embedding', { points: 8 }, async (r) => {
    // tsne-js is exact and slow (O(n^2) per iteration, and heavy per pair): 250 digits take 10-30 s
    // here, 1000 take 5-9 min, so standard embeds 250 and full 1000 (not all 1707).
    const { kept } = await embedding(r, 'tsne', byTier({ smoke: 100, standard: 250, full: 1000 }), 't-SNE');
    // Reference: 5-NN accuracy in the t-SNE plane, n = 250, subsets 0-4: 0.740, 0.756, 0.764, 0.748,
    // 0.676; n = 1000: 0.811; smoke (n = 100): 0.57-0.59. Chance is 0.10.
    r.atLeast('leave-one-out 5-NN accuracy in the t-SNE plane', kept, byTier({ smoke: 0.4, standard: 0.6, full: 0.7 }));
  });

  requirement('umap-embedding', { points: 9 }, async (r) => {
    const { kept } = await embedding(r, 'umap', byTier({ smoke: 200, standard: 1000, full: 1707 }), 'UMAP');
    // Reference: 5-NN accuracy in the UMAP plane, n = 1000, subsets 0-4: 0.815-0.856; n = 1707: 0.875;
    // smoke (n = 200): 0.665-0.77. Chance is 0.10.
    r.atLeast('leave-one-out 5-NN accuracy in the UMAP plane', kept, byTier({ smoke: 0.5, standard: 0.7, full: 0.75 }));
  });
});
