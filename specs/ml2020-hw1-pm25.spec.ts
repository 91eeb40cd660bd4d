// ml2020-hw1-pm25: the grader builds its own 9-hour windows from the real train.csv, compares the
// solution's feature extraction with them, gradient-checks the MSE gradient in float64, checks that
// `fit` really is Adagrad step for step, and judges the trained model by its RMSE on held-out months
// against the closed-form least-squares solution the grader solves itself.
import fc from 'fast-check';
import { writeFile } from 'node:fs/promises';
import { pm25Functions, type FitResult, type Ml2020Hw1Pm25 } from '../src/contracts/ml2020-hw1-pm25.ts';
import { loadPm25 } from '../src/data/index.ts';
import { makeRng } from '../src/engine/seed.ts';
import { buildWindows, FOLDS } from '../src/graders/ml2020-hw1-pm25/data.ts';
import { adagradSteps, linearPredict, mse, rmse } from '../src/graders/ml2020-hw1-pm25/linear.ts';
import { foldData, type FoldData } from '../src/graders/ml2020-hw1-pm25/folds.ts';
import { gapFigure, lossFigure } from '../src/graders/ml2020-hw1-pm25/figure.ts';
import { assertClose, expectArray } from '../src/grading/checks.ts';
import { RequirementFailed } from '../src/grading/errors.ts';
import { gradientCheck } from '../src/grading/gradient-check.ts';
import { checkProperty } from '../src/grading/properties.ts';
import { byTier } from '../src/grading/run-context.ts';
import { assignment, requirement } from '../src/grading/spec.ts';

interface FoldRow {
  fold: number; heldOut: string; features: 'all' | 'pm25'; trainWindows: number; heldWindows: number;
  closedTrain: number; closedHeld: number; adagradTrain: number; adagradHeld: number; // RMSE
}

// Adagrad's learning rate. The homework's sample used 100; measured here on standardised features,
// lr 100's first step sends the training RMSE from 27 to about 6,000, and after 1000 iterations 18x9
// ends 3% to 14% above the closed form's held-out RMSE (folds 0-3), while lr 1 to 10 end 2% to 3%
// above (folds 0 and 3): we use 3.
const LR = 3;
const plan = byTier({
  smoke: { iterations: 300, folds: 1, gradRuns: 5 },
  standard: { iterations: 1000, folds: 1, gradRuns: 20 }, // the homework's 1000 iterations
  full: { iterations: 10000, folds: FOLDS, gradRuns: 50 }, // 4-fold cross-validation by month
});
// Held-out RMSE / closed-form held-out RMSE (lr 3). Reference, folds 0/1/2/3 (= GRADEBENCH_SEED 0/1/2/3):
//   18x9:  smoke 300 it 1.095/1.087/1.102/1.114; standard 1000 it 1.024/1.023/1.025/1.028;
//          full 10000 it, per fold 1.000/1.000/1.000/0.998 (the full tier's bar is on the mean over all 4)
//   PM2.5: smoke 1.003/1.002/1.009/0.999;        standard 1.000/1.000/1.000/1.000; full 1.000 each
// Margins: about 0.09 above the worst fold at smoke, 0.03 at standard, 0.01 at full; PM2.5 (9 weights
// converge within 1000 iterations) 0.02.
const ratioBar = byTier({ smoke: { all: 1.2, pm25: 1.03 }, standard: { all: 1.06, pm25: 1.02 }, full: { all: 1.01, pm25: 1.01 } });

assignment<Ml2020Hw1Pm25>('ml2020-hw1-pm25', { functions: pm25Functions, budgetSeconds: { smoke: 60, standard: 120, full: 1800 } }, (ctx) => {
  let loaded: Promise<{ values: Float64Array; shape: [number, number]; daysPerMonth: number; dates: string[] }> | undefined;
  const raw = () => (loaded ??= loadPm25().then(({ train }) => ({ values: train.values, shape: train.shape, daysPerMonth: 20, dates: train.dates })));
  const folds = Array.from({ length: plan.folds }, (_, k) => (ctx.seed + k) % FOLDS);
  let data: Promise<FoldData[]> | undefined;
  const foldsData = () => (data ??= raw().then((r) => folds.map((k) => foldData(r, k))));
  /** One Adagrad fit per fold and feature set, shared by the requirements that judge it. */
  const fits = new Map<string, Promise<FitResult>>();
  const fitOf = (f: FoldData, set: 'all' | 'pm25') => {
    const key = `${f.fold}:${set}`;
    if (!fits.has(key)) fits.set(key, ctx.solution().then((sol) => sol.fit(f[set].train.x, f[set].train.y, { lr: LR, iterations: plan.iterations })));
    return fits.get(key)!;
  };

  requirement('extract-features', { points: 15 }, async () => {
    const sol = await ctx.solution();
    const r = await raw();
    for (const [hours, pm25Only] of [[9, false], [9, true], [5, false]] as const) {
      const want = buildWindows(r.values, r.shape[0], r.daysPerMonth, hours, pm25Only);
      const got = await sol.extractFeatures({ values: r.values, shape: r.shape, daysPerMonth: r.daysPerMonth }, { hours, pm25Only });
      const what = `${pm25Only ? 'PM2.5-only' : '18-feature'} windows of ${hours} hours`;
      const x = expectArray(got?.x, `${what}: x`, want.x.shape);
      const y = expectArray({ data: got?.y, shape: [got?.y?.length] }, `${what}: y`, [want.y.length]);
      assertClose(x, want.x, `${what}: x`, { rtol: 0, atol: 1e-9 });
      assertClose(y, { data: want.y, shape: [want.y.length] }, `${what}: y (PM2.5 of the hour after the window)`, { rtol: 0, atol: 1e-9 });
    }
  });

  requirement('predict', { points: 5 }, async (r) => {
    const sol = await ctx.solution();
    await checkProperty('predict(theta, x) = x . w + b', [fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 20 }), fc.integer()], async (n, d, s) => {
      const rng = makeRng(s);
      const x = { data: Float64Array.from({ length: n * d }, () => 20 * rng() - 10), shape: [n, d] };
      const theta = Float64Array.from({ length: d + 1 }, () => 4 * rng() - 2);
      const got = expectArray({ data: await sol.predict(theta, x), shape: [n] }, 'ml2020-hw1-pm25.predict', [n]);
      assertClose(got, { data: linearPredict(theta, x), shape: [n] }, 'predictions', { rtol: 1e-9, atol: 1e-9 });
    }, { numRuns: byTier({ smoke: 10, standard: 50, full: 100 }), seed: r.seed });
  });

  requirement('gradient-check', { points: 25 }, async (r) => {
    const sol = await ctx.solution();
    const { all } = (await foldsData())[0];
    const [n, d] = all.train.x.shape;
    let worst = 0;
    // Random weights at the scale Adagrad visits, on random batches of 64 real standardised windows.
    await checkProperty('MSE gradient matches central differences', [fc.integer(), fc.double({ min: 0.1, max: 30, noNaN: true })], async (s, scale) => {
      const rng = makeRng(s);
      const rows = Array.from({ length: 64 }, () => Math.floor(rng() * n));
      const x = { data: new Float64Array(64 * d), shape: [64, d] };
      rows.forEach((i, k) => x.data.set(all.train.x.data.subarray(i * d, (i + 1) * d), k * d));
      const y = Float64Array.from(rows, (i) => all.train.y[i]);
      const theta = Float64Array.from({ length: d + 1 }, () => scale * (2 * rng() - 1));
      const g = expectArray({ data: await sol.gradient(theta, x, y), shape: [d + 1] }, 'ml2020-hw1-pm25.gradient', [d + 1]);
      const check = await gradientCheck((v) => mse(v, x, y), theta, g.data);
      worst = Math.max(worst, check.relativeError);
      if (check.relativeError > 1e-6) throw new RequirementFailed(`gradient relative error ${check.relativeError.toExponential(2)}; worst at theta[${check.worst.index}]: analytic ${check.worst.analytic}, numeric ${check.worst.numeric}`);
    }, { numRuns: plan.gradRuns, seed: r.seed });
    r.record('gradientError', worst);
    // Reference: worst relative error 8e-10 to 4e-9 (seeds 0/1/2, smoke and standard; the MSE is quadratic,
    // so central differences are exact up to round-off). Margin: 1e-6.
    r.atMost('worst relative gradient error', worst, 1e-6);
  });

  requirement('adagrad-update', { points: 15 }, async (r) => {
    const sol = await ctx.solution();
    const { all } = (await foldsData())[0];
    for (const steps of [1, 2, 5]) {
      const got = await sol.fit(all.train.x, all.train.y, { lr: LR, iterations: steps });
      const w = expectArray({ data: got?.weights, shape: [got?.weights?.length] }, 'ml2020-hw1-pm25.fit weights', [all.train.x.shape[1] + 1]);
      const want = adagradSteps(all.train.x, all.train.y, LR, steps);
      // Adagrad's step is lr * g / sqrt(G): independent of the gradient's scale, far from plain gradient descent's.
      assertClose(w, { data: want, shape: [want.length] }, `weights after ${steps} Adagrad step(s) from zero (lr ${LR})`, { rtol: 1e-6, atol: 1e-6 });
    }
    r.record('checkedSteps', [1, 2, 5]);
  });

  requirement('matches-closed-form', { points: 30 }, async (r) => {
    const rows: FoldRow[] = [];
    for (const f of await foldsData()) {
      for (const set of ['all', 'pm25'] as const) {
        r.progress(`fold ${f.fold} (${f.heldOut}), ${set}: ${plan.iterations} Adagrad iterations`);
        const fit = await fitOf(f, set);
        const p = f[set];
        const w = expectArray({ data: fit?.weights, shape: [fit?.weights?.length] }, 'ml2020-hw1-pm25.fit weights', [p.train.x.shape[1] + 1]).data;
        rows.push({ fold: f.fold, heldOut: f.heldOut, features: set, closedTrain: rmse(p.closed, p.train.x, p.train.y), closedHeld: rmse(p.closed, p.held.x, p.held.y),
          adagradTrain: rmse(w, p.train.x, p.train.y), adagradHeld: rmse(w, p.held.x, p.held.y), heldWindows: p.held.y.length, trainWindows: p.train.y.length });
      }
    }
    const mean = (set: string, k: 'closedHeld' | 'adagradHeld') => rows.filter((x) => x.features === set).reduce((s, x) => s + x[k], 0) / plan.folds;
    r.record('rows', rows);
    r.record('recipe', { lr: LR, iterations: plan.iterations, folds: plan.folds });
    r.record('mean', { allClosed: mean('all', 'closedHeld'), allAdagrad: mean('all', 'adagradHeld'), pm25Closed: mean('pm25', 'closedHeld'), pm25Adagrad: mean('pm25', 'adagradHeld') });
    r.leaderboard('held-out RMSE (18 x 9 features)', mean('all', 'adagradHeld'), 'asc');
    r.atMost('held-out RMSE / closed-form held-out RMSE, 18 x 9 features', mean('all', 'adagradHeld') / mean('all', 'closedHeld'), ratioBar.all);
    r.atMost('held-out RMSE / closed-form held-out RMSE, PM2.5 x 9', mean('pm25', 'adagradHeld') / mean('pm25', 'closedHeld'), ratioBar.pm25);
  });

  requirement('loss-curve', { points: 10 }, async (r) => {
    const f = (await foldsData())[0];
    const curves = { all: await fitOf(f, 'all'), pm25: await fitOf(f, 'pm25') };
    await r.figure('loss-curve.svg', async (file) => writeFile(file, await lossFigure(f, curves, plan.iterations, LR)));
    await r.figure('gap-to-closed-form.svg', async (file) => writeFile(file, await gapFigure(f, curves, plan.iterations)));
    for (const set of ['all', 'pm25'] as const) {
      const { weights, lossCurve } = curves[set];
      const c = expectArray({ data: lossCurve, shape: [lossCurve?.length] }, 'ml2020-hw1-pm25.fit lossCurve', [plan.iterations]).data;
      const p = f[set];
      const name = set === 'all' ? '18 x 9' : 'PM2.5 x 9';
      // The curve must be honest: it starts at the RMSE of theta = 0 and ends one step before the returned weights.
      assertClose({ data: [c[0]], shape: [1] }, { data: [rmse(new Float64Array(p.train.x.shape[1] + 1), p.train.x, p.train.y)], shape: [1] }, `${name}: lossCurve[0] (training RMSE at theta = 0)`, { rtol: 1e-6 });
      r.atMost(`${name}: |last lossCurve point - RMSE of the returned weights| / RMSE`, Math.abs(c[c.length - 1] - rmse(weights, p.train.x, p.train.y)) / c[c.length - 1], 0.01);
      // Reference (lr 3): 18x9 from 26.5-28.3 at theta = 0 to 5.8-6.0 after 1000 iterations (ratio <= 0.22;
      // 0.24 after 300), PM2.5 to 5.7-6.3 (<= 0.24). Margin: 0.5.
      r.atMost(`${name}: final / initial training RMSE`, c[c.length - 1] / c[0], 0.5);
    }
    r.record('curveEnds', { all: [curves.all.lossCurve[0], curves.all.lossCurve.at(-1)], pm25: [curves.pm25.lossCurve[0], curves.pm25.lossCurve.at(-1)] });
  });
});
