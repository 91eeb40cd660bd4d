// mit-cnn-regularization: the solution trains one small CNN five ways (plain, batch norm, dropout,
// L2, strided instead of pooled) and an LSTM that reads image rows, all on Fashion-MNIST, and returns
// the models. The grader keeps the test labels: it checks each artifact is the variant it claims
// (same kernels, the one extra ingredient), scores train and test accuracy itself, measures the
// kernels' weight norm, and turns the per-epoch predictions into the curves.
import { mitCnnFunctions, type CnnVariant, type MitCnnRegularization } from '../src/contracts/mit-cnn-regularization.ts';
import { loadFashionMnist, stratifiedSubset, type ImageSet } from '../src/data/index.ts';
import { describeDesign, designProblems } from '../src/graders/mit-cnn-regularization/design.ts';
import { inputKind, kernelSquaredNorm } from '../src/graders/mit-cnn-regularization/evaluate.ts';
import { curveFigures, label } from '../src/graders/mit-cnn-regularization/figures.ts';
import { gradedRun, type GradedRun, type RunData } from '../src/graders/mit-cnn-regularization/run.ts';
import { RequirementFailed } from '../src/grading/errors.ts';
import { byTier } from '../src/grading/run-context.ts';
import { assignment, requirement, type RequirementContext } from '../src/grading/spec.ts';

const REGULARISED = ['plain', 'batchnorm', 'dropout', 'l2'] as const;
const ALL = [...REGULARISED, 'stride', 'lstm'] as const;
type Net = (typeof ALL)[number];

// What each tier trains. Measured here (wasm, 2 cores): the CNN ~2,800 images/s (batch norm ~1,800,
// stride ~5,700), the 64-unit row LSTM ~800. Standard fits ~45 s; full is the whole of Fashion-MNIST.
const plan = byTier({
  smoke: { train: 300, trainScore: 300, probe: 100, test: 200, epochs: 2, lstmEpochs: 2, batch: 32, lstmBatch: 16, units: 16, dropout: 0.5, l2: 1e-3 },
  standard: { train: 2000, trainScore: 2000, probe: 500, test: 1000, epochs: 4, lstmEpochs: 3, batch: 32, lstmBatch: 64, units: 32, dropout: 0.5, l2: 1e-3 },
  full: { train: 60000, trainScore: 10000, probe: 2000, test: 10000, epochs: 4, lstmEpochs: 2, batch: 64, lstmBatch: 64, units: 64, dropout: 0.5, l2: 1e-3 },
});

// Thresholds. Reference values at seeds 0/1/2 [untrained-model or regularizers-ignored fixtures]; each
// bar sits below (above, for ratios) the worst seed with margin:
//   smoke     CNN test acc   plain .475/.515/.550, BN .685/.575/.695, dropout .465/.375/.495,
//             L2 .465/.535/.480, stride .520/.325/.605 [untrained ~.10]                     bar .20
//             L2/plain kernel norm .909/.884/.907 [ignored: 1]                               bar .95
//             BN − plain test acc after epoch 1 .070/.180/.320 [ignored: 0]                  bar .02
//             LSTM test acc − .1  .195/.250/.335 [untrained ~0]                              bar .08
//             loss last/first, worst of six .954/.950/.954 [untrained 1]                     bar .98
//   standard  CNN test acc   plain .752/.759/.768, BN .809/.788/.786, dropout .750/.745/.754,
//             L2 .747/.744/.683, stride .728/.765/.760                                       bar .60
//             L2/plain kernel norm .773/.787/.789                                            bar .90
//             BN − plain after epoch 1 .131/.076/.074                                        bar .02
//             LSTM test acc − .1  .449/.468/.507                                             bar .30
//             loss last/first, worst of six .595/.577/.559                                   bar .80
//   full      seeds 0/1 (a full run takes ~10 min here)
//             CNN test acc   plain .886/.885, BN .893/.893, dropout .867/.868, L2 .872/.868,
//             stride .878/.878                                                               bar .84
//             L2/plain kernel norm .473/.487                                                 bar .60
//             LSTM test acc − .1  .748/.749                                                  bar .70
//             loss last/first, worst of six .640/.638                                        bar .75
//             The BN lead after a whole 60,000-image epoch is recorded, not asserted (plain has
//             caught up by then: .017 at seed 0).
// Not asserted anywhere (recorded): whether dropout or L2 narrow the train − test gap (standard: dropout
// narrower at 2 of 3 seeds, L2 at 2 of 3; gaps .03-.05 against plain's .035-.049) and the sign of
// stride − pooling test accuracy (−.024/+.006/−.008).
const bar = byTier<{ cnnTest: number; l2NormRatio: number; bnEpoch1Lead: number | null; lstmOverChance: number; lossRatio: number }>({
  smoke: { cnnTest: 0.2, l2NormRatio: 0.95, bnEpoch1Lead: 0.02, lstmOverChance: 0.08, lossRatio: 0.98 },
  standard: { cnnTest: 0.6, l2NormRatio: 0.9, bnEpoch1Lead: 0.02, lstmOverChance: 0.3, lossRatio: 0.8 },
  full: { cnnTest: 0.84, l2NormRatio: 0.6, bnEpoch1Lead: null, lstmOverChance: 0.7, lossRatio: 0.75 },
});

assignment<MitCnnRegularization>('mit-cnn-regularization', { functions: mitCnnFunctions, budgetSeconds: { smoke: 60, standard: 240, full: 3 * 3600 } }, (ctx) => {
  let data: Promise<RunData & { lstm: RunData }> | undefined;
  const runs: Partial<Record<Net, Promise<GradedRun>>> = {};
  const load = () => (data ??= loadFashionMnist().then((fm) => {
    const sub = (s: ImageSet, n: number, salt: number) => (n < s.shape[0] ? stratifiedSubset(s, n, 1000 * ctx.seed + salt) : s);
    const train = sub(fm.train, plan.train, 0);
    const base = { train, trainScore: sub(train, plan.trainScore, 1), probe: sub(train, plan.probe, 2), test: sub(fm.test, plan.test, 3) };
    return { ...base, epochs: plan.epochs, lstm: { ...base, epochs: plan.lstmEpochs } };
  }));
  /** A network's graded run, trained once on first use (in catalogue order) and shared. */
  const graded = (net: Net, r: RequirementContext): Promise<GradedRun> => (runs[net] ??= (async () => {
    const sol = await ctx.solution();
    const d = await load();
    r.progress(`training ${label[net]} on ${d.train.shape[0]} images`);
    const g = net === 'lstm'
      ? await gradedRun(net, d.lstm, (train, evalImages) => sol.trainRowLstm(train, { batchSize: plan.lstmBatch, seed: r.seed, epochs: d.lstm.epochs, units: plan.units, evalImages }))
      : await gradedRun(net, d, (train, evalImages) => sol.trainCnn(train, { batchSize: plan.batch, seed: r.seed, epochs: d.epochs, variant: net as CnnVariant, dropout: plan.dropout, l2: plan.l2, evalImages }));
    r.progress(`${label[net]}: train ${g.trainAccuracy.toFixed(4)} test ${g.testAccuracy.toFixed(4)} in ${g.seconds.toFixed(1)} s`);
    return g;
  })());
  const all = async (r: RequirementContext, nets: readonly Net[] = ALL) => {
    const out: GradedRun[] = [];
    for (const net of nets) out.push(await graded(net, r)); // one at a time: two cores, shared with others
    return out;
  };
  const setting = () => `${plan.train} training images; CNNs ${plan.epochs} epochs, batch ${plan.batch}; LSTM ${plan.lstmEpochs}, batch ${plan.lstmBatch}`;

  requirement('same-cnn-variants', { points: 10 }, async (r) => {
    const got = await all(r);
    const designs = Object.fromEntries(got.map((g) => [g.name, describeDesign(g.model)]));
    r.record('designs', designs);
    const problems = got.filter((g) => g.name !== 'lstm').flatMap((g) => designProblems(g.name as CnnVariant, designs[g.name], designs.plain, plan).map((p) => `${label[g.name]}: ${p}`));
    const lstm = got.find((g) => g.name === 'lstm')!;
    if (designs.lstm.lstms === 0) problems.push('row LSTM: no LSTM layer');
    if (inputKind(lstm.model) !== 'rows') problems.push('row LSTM: its input must be [N,28,28] (28 steps of 28 pixels)');
    if (problems.length) throw new RequirementFailed(problems.join('; '));
  });

  requirement('regularised-cnn-accuracy', { points: 25 }, async (r) => {
    const got = await all(r, REGULARISED);
    const table = Object.fromEntries(got.map((g) => [g.name, { train: g.trainAccuracy, test: g.testAccuracy, gap: g.trainAccuracy - g.testAccuracy, seconds: g.seconds }]));
    r.record('table', table);
    r.record('setting', { ...plan, trainImages: plan.train, testImages: plan.test });
    for (const g of got) r.leaderboard(`${label[g.name]} CNN test accuracy`, g.testAccuracy);
    for (const g of got) r.atLeast(`${label[g.name]} CNN test accuracy on ${plan.test} test images`, g.testAccuracy, bar.cnnTest);
  });

  requirement('regularisation-effects', { points: 20 }, async (r) => {
    const [plain, bn, dropout, l2] = await all(r, REGULARISED);
    const norms = Object.fromEntries([plain, bn, dropout, l2].map((g) => [g.name, Math.sqrt(kernelSquaredNorm(g.model))]));
    const gap = (g: GradedRun) => g.trainAccuracy - g.testAccuracy;
    const epoch1 = { plain: plain.curves.test[0], batchnorm: bn.curves.test[0] };
    r.record('kernelNorm', norms);
    r.record('l2NormRatio', norms.l2 / norms.plain);
    r.record('epoch1TestAccuracy', epoch1);
    // Record-only: not reliable across seeds at these sizes (see the thresholds above).
    r.record('gapNarrowed', { dropout: gap(dropout) < gap(plain), l2: gap(l2) < gap(plain), batchnorm: gap(bn) < gap(plain) });
    r.atMost('L2 model\'s kernel norm / plain model\'s', norms.l2 / norms.plain, bar.l2NormRatio);
    if (bar.bnEpoch1Lead !== null) r.atLeast('batch norm − plain test accuracy after epoch 1', epoch1.batchnorm - epoch1.plain, bar.bnEpoch1Lead);
  });

  requirement('stride-vs-pooling', { points: 15 }, async (r) => {
    const [plain, stride] = [await graded('plain', r), await graded('stride', r)];
    r.record('table', Object.fromEntries([plain, stride].map((g) => [g.name, { train: g.trainAccuracy, test: g.testAccuracy, gap: g.trainAccuracy - g.testAccuracy, seconds: g.seconds }])));
    r.record('strideMinusPooling', stride.testAccuracy - plain.testAccuracy);
    r.leaderboard('stride CNN test accuracy', stride.testAccuracy);
    r.atLeast(`stride (no pooling) CNN test accuracy on ${plan.test} test images`, stride.testAccuracy, bar.cnnTest);
  });

  requirement('lstm-over-rows', { points: 20 }, async (r) => {
    const g = await graded('lstm', r);
    r.record('lstm', { train: g.trainAccuracy, test: g.testAccuracy, gap: g.trainAccuracy - g.testAccuracy, seconds: g.seconds, units: plan.units, epochs: plan.lstmEpochs });
    r.leaderboard('row LSTM test accuracy', g.testAccuracy);
    r.atLeast(`row LSTM test accuracy − chance (0.1) on ${plan.test} test images`, g.testAccuracy - 0.1, bar.lstmOverChance);
  });

  requirement('training-curves', { points: 10 }, async (r) => {
    const got = await all(r);
    r.record('curves', Object.fromEntries(got.map((g) => [g.name, g.curves])));
    await curveFigures(r, got, got.slice(0, REGULARISED.length), setting());
    for (const g of got) {
      // The curve must be honest: its last point is the returned model's own predictions (reference 1.0).
      r.atLeast(`${label[g.name]}: agreement of the last epoch's predictions with the returned model`, g.lastAgreement, 0.99);
      const loss = g.curves.loss;
      r.atMost(`${label[g.name]}: training loss, last epoch / first epoch`, loss[loss.length - 1] / loss[0], bar.lossRatio);
    }
  });
});
