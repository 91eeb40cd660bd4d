// ml2020-hw6-fgsm: the grader trains a LeNet-5 (cached), hands it to the solution as an artifact with
// test images and their labels, and judges the returned adversarial images itself: every pixel in
// the epsilon ball and in [0, 1] (a property over epsilons and inputs), label flips among images it
// classified correctly at 8/255 and 15/255, and the random-sign control of the same L-inf size.
import fc from 'fast-check';
import { fgsmFunctions, type Ml2020Hw6Fgsm } from '../src/contracts/ml2020-hw6-fgsm.ts';
import { makeRng } from '../src/engine/seed.ts';
import { RequirementFailed } from '../src/grading/errors.ts';
import { checkProperty } from '../src/grading/properties.ts';
import { byTier } from '../src/grading/run-context.ts';
import { assignment, requirement, type RequirementContext } from '../src/grading/spec.ts';
import { checkBall } from '../src/graders/ml2020-hw6-fgsm/evaluate.ts';
import { exampleRows, writeCurve, writeExampleGrid } from '../src/graders/ml2020-hw6-fgsm/figures.ts';
import { attackTarget, solutionAttack, EPSILONS_255, type AttackRun } from '../src/graders/ml2020-hw6-fgsm/run.ts';
import { loadTarget, type Target, type TargetPlan, type TargetSet } from '../src/graders/ml2020-hw6-fgsm/target.ts';

// What each tier trains and attacks (LeNet-5, Adam 1e-3, batch 64). Full: both sets on their full
// training splits, 5 epochs each (to fit 15 minutes here: LeNet trains ~2,600 images/s on F-MNIST and
// ~900-1,500 on CIFAR-10), every test image attacked.
const plans = byTier<TargetPlan[]>({
  smoke: [{ set: 'fashion-mnist', train: 4000, epochs: 2, attack: 300 }],
  standard: [{ set: 'fashion-mnist', train: 12000, epochs: 2, attack: 1000 }],
  full: [{ set: 'fashion-mnist', train: 60000, epochs: 5, attack: 10000 }, { set: 'cifar10', train: 50000, epochs: 5, attack: 10000 }],
});

// Thresholds: success rates are among the images the grader's network classified correctly.
// Reference values at seeds 0/1/2 (random-sign control in brackets); each bar sits well below the
// worst seed and far above the broken variants (random signs, wrong sign: 0-3% success, drop ~0):
//   smoke    F-MNIST (71-75% acc, ~220 correct)  8/255  .207/.296/.166 [.009/.022/.014]   bar .08
//                                                15/255 .319/.482/.359 [.019/.040/.014]   bar .18
//            margin over random 8/255 .198/.274/.152 bar .06; 15/255 .300/.442/.345       bar .14
//            mean true-class probability drop at 15/255 .164/.230/.197                     bar .10
//   standard F-MNIST (78-79% acc, ~785 correct)  8/255  .228/.156/.211 [.003/.006/.006]   bar .10
//                                                15/255 .368/.323/.371 [.011/.009/.017]   bar .22
//            margin over random 8/255 .225/.150/.205 bar .08; 15/255 .357/.314/.354       bar .18
//            mean true-class probability drop at 15/255 .242/.239/.250                     bar .12
//   full     one seed (a full run takes ~10 minutes here): see the committed report; bars as standard.
type Bars = { at8: number; at15: number; margin8: number; margin15: number; trueDrop: number };
const standardBars: Bars = { at8: 0.1, at15: 0.22, margin8: 0.08, margin15: 0.18, trueDrop: 0.12 };
const bars = byTier<Partial<Record<TargetSet, Bars>>>({
  smoke: { 'fashion-mnist': { at8: 0.08, at15: 0.18, margin8: 0.06, margin15: 0.14, trueDrop: 0.1 } },
  standard: { 'fashion-mnist': standardBars },
  full: { 'fashion-mnist': standardBars, cifar10: standardBars },
});
const title: Record<TargetSet, string> = { 'fashion-mnist': 'Fashion-MNIST', cifar10: 'CIFAR-10' };
const EXAMPLES = 8;

assignment<Ml2020Hw6Fgsm>('ml2020-hw6-fgsm', { functions: fgsmFunctions, budgetSeconds: { smoke: 60, standard: 120, full: 1800 } }, (ctx) => {
  const targets = new Map<TargetSet, Promise<Target>>();
  const runs = new Map<TargetSet, Promise<AttackRun>>();
  const target = (p: TargetPlan) => targets.get(p.set) ?? targets.set(p.set, loadTarget(p, ctx.tier, ctx.seed)).get(p.set)!;
  /** Every target attacked once at every epsilon of the curve, shared by the requirements below. */
  const attacked = (r: RequirementContext) => Promise.all(plans.map((p) => runs.get(p.set) ?? runs.set(p.set, (async () =>
    attackTarget(await ctx.solution(), await target(p), ctx.seed, r.progress))()).get(p.set)!));
  /** A graded epsilon's numbers must come from images inside the ball, or they do not count. */
  const inBall = (run: AttackRun, e255: number) => {
    const res = run.results.get(e255)!;
    if (res.ball.outsideBall > 0) throw new RequirementFailed(`${title[run.target.plan.set]} at epsilon ${e255}/255: ${res.ball.outsideBall} pixels leave the epsilon ball (max |x' - x| = ${res.ball.maxDelta.toFixed(4)}), so the success rate does not count`);
    return res;
  };

  requirement('stays-in-epsilon-ball', { points: 25 }, async (r) => {
    const sol = await ctx.solution();
    const t = await target(plans[0]);
    const [, h, w, c] = t.images.shape;
    const per = h * w * c;
    let worst = 0, runsDone = 0;
    // Inputs: test images, uniform noise, and saturated images (only 0s and 1s, where clipping bites).
    const kind = fc.constantFrom('test', 'noise', 'saturated');
    const epsilon = fc.oneof(fc.constantFrom(1 / 255, 8 / 255, 15 / 255, 0.3), fc.double({ min: 0, max: 0.5, noNaN: true }));
    await checkProperty('adversarial images stay in the epsilon ball and in [0, 1]', [epsilon, kind, fc.integer({ min: 1, max: 6 }), fc.nat(1e6)], async (eps, k, n, s) => {
      const rng = makeRng(`hw6-property:${s}`);
      const start = s % (t.labels.length - n + 1);
      const data = k === 'test' ? t.images.data.slice(start * per, (start + n) * per)
        : Float32Array.from({ length: n * per }, () => (k === 'noise' ? rng() : rng() < 0.5 ? 0 : 1));
      const labels = k === 'test' ? t.labels.slice(start, start + n) : Int32Array.from({ length: n }, () => Math.floor(10 * rng()));
      const images = { data, shape: [n, h, w, c] };
      const adv = await solutionAttack(sol, t, images, labels, eps);
      const ball = checkBall(data, adv.data, eps);
      worst = Math.max(worst, ball.maxDelta - eps);
      runsDone++;
      if (ball.outsideBall + ball.outsideRange + ball.notFinite > 0) {
        throw new RequirementFailed(`epsilon ${eps.toFixed(4)}: ${ball.outsideBall} pixels outside the epsilon ball (max |x' - x| = ${ball.maxDelta.toFixed(4)}), ${ball.outsideRange} pixel values outside [0, 1], ${ball.notFinite} not finite; first: ${ball.firstBad}`);
      }
    }, { numRuns: byTier({ smoke: 8, standard: 24, full: 60 }), seed: r.seed });
    r.record('runs', runsDone);
    r.record('worstExcess', worst); // max over runs of max|x' - x| - eps (<= 0 up to float32 rounding)
  });

  requirement('success-rate', { points: 40 }, async (r) => {
    const rows = [];
    for (const run of await attacked(r)) {
      const set = run.target.plan.set;
      const curve = EPSILONS_255.map((e) => ({ epsilon255: e, fgsm: run.results.get(e)!.fgsm.rate, random: run.results.get(e)!.random.rate }));
      await writeCurve(r, `success-${set}.svg`, `${title[set]}: label flips among correctly classified test images`, curve);
      const [at8, at15] = [inBall(run, 8), inBall(run, 15)];
      rows.push({ set, name: title[set], plan: run.target.plan, info: run.target.info, fromCache: run.target.fromCache, attacked: run.target.labels.length, correct: at8.fgsm.correct, curve, at8: at8.fgsm.rate, at15: at15.fgsm.rate });
      r.record('targets', rows); // before the checks, so a failing run still reports its numbers
      r.leaderboard(`${title[set]} FGSM success at 8/255`, at8.fgsm.rate);
      r.atLeast(`${title[set]}: FGSM success rate at epsilon 8/255`, at8.fgsm.rate, bars[set]!.at8);
      r.atLeast(`${title[set]}: FGSM success rate at epsilon 15/255`, at15.fgsm.rate, bars[set]!.at15);
    }
  });

  requirement('random-sign-control', { points: 20 }, async (r) => {
    const rows = [];
    for (const run of await attacked(r)) {
      const set = run.target.plan.set;
      const [at8, at15] = [inBall(run, 8), inBall(run, 15)];
      rows.push({ name: title[set], fgsm8: at8.fgsm.rate, random8: at8.random.rate, fgsm15: at15.fgsm.rate, random15: at15.random.rate });
      r.record('margins', rows);
      r.atLeast(`${title[set]}: FGSM minus random-sign success rate at 8/255`, at8.fgsm.rate - at8.random.rate, bars[set]!.margin8);
      r.atLeast(`${title[set]}: FGSM minus random-sign success rate at 15/255`, at15.fgsm.rate - at15.random.rate, bars[set]!.margin15);
    }
  });

  requirement('confidence-before-after', { points: 15 }, async (r) => {
    const rows = [];
    for (const run of await attacked(r)) {
      const set = run.target.plan.set;
      const res = inBall(run, 15);
      const examples = exampleRows(run.target.labels, run.before, run.after15, run.target.classNames, EXAMPLES);
      await writeExampleGrid(r, `adversarial-${set}.png`, run.target.images, run.adv15, examples, 15 / 255);
      rows.push({ set, name: title[set], file: `adversarial-${set}.png`, examples, correct: res.fgsm.correct, trueBefore: res.trueBefore, trueAfter: res.trueAfter });
      r.record('examples', rows);
      r.atLeast(`${title[set]}: drop in mean true-class probability at 15/255 (${res.trueBefore.toFixed(3)} -> ${res.trueAfter.toFixed(3)})`, res.trueBefore - res.trueAfter, bars[set]!.trueDrop);
    }
  });
});
