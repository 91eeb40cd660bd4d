// ml2020-hw7-compression: the grader trains (and caches) a Fashion-MNIST CNN teacher and hands it to
// the solution, which prunes it, distils it into a small student, quantizes it to 8 bits and
// redesigns it with depthwise-separable convolutions. Every accuracy is the grader's, on test images
// the solution never sees; sparsity, bytes and parameter counts are counted by the grader too.
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { writeFile } from 'node:fs/promises';
import { hw7Functions, type ConvKind, type Ml2020Hw7Compression } from '../src/contracts/ml2020-hw7-compression.ts';
import { loadFashionMnist, stratifiedSubset, type ImageSet, type SplitImageSet } from '../src/data/index.ts';
import { separableLayers, studentShapes, tfjsConvParams } from '../src/graders/ml2020-hw7-compression/architecture.ts';
import { kernelSparsity, predictClasses, pruneWithoutFineTuning, scoreArtifact, weightShapes } from '../src/graders/ml2020-hw7-compression/evaluate.ts';
import { plan, student } from '../src/graders/ml2020-hw7-compression/plan.ts';
import { dequantize } from '../src/graders/ml2020-hw7-compression/quantization.ts';
import { cachedTeacher } from '../src/graders/ml2020-hw7-compression/teacher.ts';
import { accuracy, expectNumber } from '../src/grading/checks.ts';
import { RequirementFailed } from '../src/grading/errors.ts';
import { importModel, type ModelArtifact } from '../src/grading/model-artifact.ts';
import { checkProperty } from '../src/grading/properties.ts';
import { byTier, currentTier } from '../src/grading/run-context.ts';
import { assignment, requirement } from '../src/grading/spec.ts';
import { lineChart } from '../src/report/charts.ts';

interface Teacher { artifact: ModelArtifact; model: tf.LayersModel; accuracy: number; params: number; test: ImageSet; train: ImageSet; seconds: number; fromCache: boolean }

const unlabelled = (s: ImageSet) => ({ images: s.images, shape: s.shape });
const labelled = (s: ImageSet) => ({ images: s.images, shape: s.shape, labels: s.labels });

// Thresholds: smoke and standard from the reference at seeds 0/1/2, margins below the worst seed (the
// values are beside each check). Full: one seed (a full run takes ~10 min here). Its first run failed
// two bars carried over from standard, and both were revisited, in the open: the quantization error
// (0.0224 against 0.02; the longer-trained teacher has wider weight ranges per tensor) is now held to
// 0.04, still far from the broken uint8-step variant's 0.108; and distillation at T = 4 lost to the
// student alone (0.806 vs 0.809), so the full plan distils at T = 2 (measured 0.849 vs 0.762).
const bar = byTier({
  smoke: { pruneDrop: 0.3, fineTuneGain: 0.005, kdGain: -0.05, quantDrop: 0.03, quantError: 0.02, separable: 0.2 },
  standard: { pruneDrop: 0.03, fineTuneGain: 0.03, kdGain: 0.02, quantDrop: 0.01, quantError: 0.02, separable: 0.55 },
  full: { pruneDrop: 0.09, fineTuneGain: 0.03, kdGain: 0.02, quantDrop: 0.01, quantError: 0.04, separable: 0.75 },
});

assignment<Ml2020Hw7Compression>('ml2020-hw7-compression', { functions: hw7Functions, budgetSeconds: { smoke: 60, standard: 300, full: 3 * 3600 } }, (ctx) => {
  let data: Promise<SplitImageSet> | undefined;
  let teacherRun: Promise<Teacher> | undefined;
  const subset = (set: ImageSet, n: number, salt: number) => (n < set.shape[0] ? stratifiedSubset(set, n, 100 * ctx.seed + salt) : set);
  /** The grader's teacher, trained (or read from the cache) once and shared by every requirement. */
  const teacher = () => (teacherRun ??= (async () => {
    const fm = await (data ??= loadFashionMnist());
    const train = subset(fm.train, plan.teacher.train, 1);
    const cached = await cachedTeacher({ tier: currentTier(), seed: ctx.seed, trainImages: train.shape[0], ...plan.teacher }, train);
    const test = subset(fm.test, plan.test, 2);
    const scored = await scoreArtifact(cached.artifact, test, 'the teacher');
    return { artifact: cached.artifact, model: scored.model, accuracy: scored.accuracy, params: scored.params, test, train: fm.train, seconds: cached.info.seconds, fromCache: cached.fromCache };
  })());

  requirement('pruning', { points: 30 }, async (r) => {
    const sol = await ctx.solution();
    const t = await teacher();
    const fineTune = labelled(subset(t.train, plan.prune.train, 3));
    const rows: Array<{ sparsity: number; counted: number; reported: number; accuracy: number; noFineTune: number; nonzero: number; bytes: number; perLayer: Record<string, number> }> = [];
    for (const s of plan.prune.sparsities) {
      r.progress(`prune to sparsity ${s} and fine-tune on ${fineTune.shape[0]} images`);
      const res = await sol.prune(t.artifact, fineTune, s, { epochs: plan.prune.epochs, batchSize: 64, seed: r.seed });
      const pruned = await scoreArtifact(res.model, t.test, `prune(sparsity ${s})`);
      if (weightShapes(pruned.model) !== weightShapes(t.model)) throw new RequirementFailed(`prune(sparsity ${s}) returned weights ${weightShapes(pruned.model)}; the teacher has ${weightShapes(t.model)}`);
      const counted = kernelSparsity(pruned.model);
      pruned.model.dispose();
      const baseline = await importModel(t.artifact); // the grader's one-shot pruning, no fine-tuning
      pruneWithoutFineTuning(baseline, s);
      const noFineTune = accuracy(predictClasses(baseline, t.test), t.test.labels);
      baseline.dispose();
      const nonzero = pruned.params - counted.zeros; // biases count as nonzero
      const bytes = 4 * nonzero + Math.ceil(counted.total / 8); // stored sparse: float32 nonzeros + a 1-bit mask over kernel entries
      rows.push({ sparsity: s, counted: counted.sparsity, reported: expectNumber(res.reportedSparsity, 'reportedSparsity'), accuracy: pruned.accuracy, noFineTune, nonzero, bytes, perLayer: counted.perLayer });
    }
    r.record('teacher', { params: t.params, bytes: 4 * t.params, accuracy: t.accuracy, seconds: t.seconds, fromCache: t.fromCache, recipe: plan.teacher, testImages: t.test.shape[0] });
    r.record('rows', rows);
    r.record('fineTuneImages', fineTune.shape[0]);
    await r.figure('accuracy-vs-sparsity.svg', async (file) => writeFile(file, await lineChart([
      { name: 'fine-tuned', x: rows.map((x) => x.counted), y: rows.map((x) => x.accuracy) },
      { name: 'no fine-tuning', x: rows.map((x) => x.sparsity), y: rows.map((x) => x.noFineTune) },
      { name: 'teacher', x: [0, ...rows.map((x) => x.sparsity)], y: [t.accuracy, ...rows.map(() => t.accuracy)] },
    ], { title: `Fashion-MNIST: test accuracy vs kernel sparsity (${t.test.shape[0]} test images)`, xLabel: 'fraction of conv/dense kernel entries that are 0', yLabel: 'test accuracy' })));
    for (const x of rows) {
      r.atLeast(`counted sparsity at target ${x.sparsity}`, x.counted, x.sparsity - 1e-3);
      r.atMost(`|reported - counted| sparsity at target ${x.sparsity}`, Math.abs(x.reported - x.counted), 5e-3);
    }
    // Reference, accuracy minus the teacher's (seeds 0/1/2): standard +.016/+.033/-.004 at 0.5,
    // +.013/+.023/+.011 at 0.8, +.011/+.021/+.005 at 0.9 (bar -.03); smoke at 0.95 -.17/-.03/-.06
    // (bar -.3). Gain over the grader's no-fine-tuning pruning at the highest sparsity: standard
    // .046/.078/.057 (bar .03), smoke .11/.05/.077 (bar .005: a solution that skips fine-tuning gains 0).
    // Full, seeds 0/1/2: -.033/-.051/-.057 at 0.95 (the first bar, -.05, was set from seed 0 alone and
    // failed seeds 1 and 2; now -.09), within -.012 at 0.3-0.9.
    const last = rows[rows.length - 1];
    r.atLeast(`accuracy gain from fine-tuning at sparsity ${last.sparsity}`, last.accuracy - last.noFineTune, bar.fineTuneGain);
    for (const x of rows) r.atLeast(`accuracy at sparsity ${x.sparsity} minus the unpruned teacher's`, x.accuracy - t.accuracy, -bar.pruneDrop);
    r.leaderboard(`accuracy at sparsity ${last.sparsity}`, last.accuracy);
  });

  requirement('distillation', { points: 25 }, async (r) => {
    const sol = await ctx.solution();
    const t = await teacher();
    const p = plan.distill;
    const lab = labelled(subset(t.train, p.labelled, 4));
    const transfer = unlabelled(subset(t.train, p.transfer, 5));
    const none = { images: new Uint8Array(0), shape: [0, 28, 28, 1] as [number, number, number, number] };
    const opts = { batchSize: 32, seed: r.seed };
    r.progress(`student alone on ${p.labelled} labelled images`);
    const alone = await scoreArtifact(await sol.trainStudent(lab, student, { ...opts, epochs: p.studentEpochs }), t.test, 'trainStudent');
    r.progress(`distilled student: ${p.labelled} labelled + ${p.transfer} transfer images`);
    const kd = await scoreArtifact(await sol.distill(t.artifact, lab, transfer, student, { ...opts, epochs: p.distillEpochs, temperature: p.temperature, alpha: p.alpha }), t.test, 'distill');
    const kdSame = p.sameImages ? await scoreArtifact(await sol.distill(t.artifact, lab, none, student, { ...opts, epochs: p.studentEpochs, temperature: p.temperature, alpha: p.alpha }), t.test, 'distill (no transfer images)') : undefined;
    const want = studentShapes(student);
    for (const [what, m] of [['trainStudent', alone], ['distill', kd], ['distill (no transfer images)', kdSame]] as const) {
      if (!m) continue;
      if (weightShapes(m.model) !== want) throw new RequirementFailed(`${what} returned weights ${weightShapes(m.model)}; the student ${JSON.stringify(student)} has ${want}`);
      m.model.dispose();
    }
    const row = (m: typeof alone) => ({ params: m.params, bytes: m.floatBytes, accuracy: m.accuracy });
    r.record('student', student);
    r.record('plan', p);
    r.record('alone', row(alone));
    r.record('distilled', row(kd));
    if (kdSame) r.record('distilledSameImages', row(kdSame));
    // Reference (seeds 0/1/2), alone vs distilled: standard .655/.664/.685 vs .691/.728/.727 (gain
    // +.036/+.064/+.041; bar +.02); smoke .49/.55/.60 vs .68/.73/.65 (+.19/+.18/+.05; bar -.05, which a
    // student that ignores the soft targets misses: -.13). Measured while sizing: soft targets on the
    // labelled images only (no transfer set) gained -.004 to +.035 over 3 seeds, not reliable at this
    // size, so the transfer set is part of the recipe and the same-images run is recorded at full only.
    r.atLeast('distilled student accuracy minus the student trained alone', kd.accuracy - alone.accuracy, bar.kdGain);
    r.leaderboard('distilled student accuracy', kd.accuracy);
  });

  requirement('quantization', { points: 20 }, async (r) => {
    const sol = await ctx.solution();
    const t = await teacher();
    const q = await sol.quantize(t.artifact);
    const d = dequantize(q, t.model);
    const model = await importModel(t.artifact);
    const shapes = model.getWeights().map((w) => w.shape);
    model.setWeights(d.weights.map((w, i) => tf.tensor(w, shapes[i])));
    const acc = accuracy(predictClasses(model, t.test), t.test.labels);
    model.dispose();
    r.record('quantized', { params: t.params, bytes: d.bytes, accuracy: acc, relativeError: d.relativeError, worstTensor: d.worstTensor, dtype: q.tensors[0]?.values?.constructor?.name });
    // Reference (seeds 0/1/2): bytes ratio .2502; relative error .0097/.0094/.0090 standard,
    // .0095/.0085/.0083 smoke (bar .02; a uint8 step on int8 values gives .108); accuracy change
    // 0/-.003/-.001 standard (bar -.01), 0/0/0 smoke (bar -.03). Full (seed 0): error .0224, the
    // longer-trained dense kernel has heavier tails, so a per-tensor scale rounds more coarsely
    // (bar .04); accuracy change -.0006.
    r.atMost('quantized bytes / float32 bytes', d.bytes / (4 * t.params), 0.26);
    r.atMost('relative error of the dequantized weights ||w_q - w|| / ||w||', d.relativeError, bar.quantError);
    r.atLeast('quantized accuracy minus the float32 teacher\'s', acc - t.accuracy, -bar.quantDrop);
  });

  requirement('separable-parameter-count', { points: 15 }, async (r) => {
    const sol = await ctx.solution();
    const kinds: ConvKind[] = ['conv2d', 'depthwise', 'separable'];
    await checkProperty('convParams matches tf.layers countParams', [fc.constantFrom(...kinds), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 4 }), fc.boolean()],
      async (kind, k, cin, cout, dm, useBias) => {
        const spec = { kind, kernelSize: k, inChannels: cin, outChannels: kind === 'depthwise' ? cin * dm : cout, depthMultiplier: kind === 'conv2d' ? 1 : dm, useBias };
        const got = expectNumber(await sol.convParams(spec), 'convParams');
        const want = tfjsConvParams(spec);
        if (got !== want) throw new RequirementFailed(`convParams(${JSON.stringify(spec)}) = ${got}; tf.layers counts ${want}`);
      }, { numRuns: plan.propertyRuns, seed: r.seed });
    r.record('numRuns', plan.propertyRuns);
  });

  requirement('separable-design', { points: 10 }, async (r) => {
    const sol = await ctx.solution();
    const t = await teacher();
    const train = labelled(subset(t.train, plan.separable.train, 6));
    r.progress(`train the separable design on ${train.shape[0]} images`);
    const m = await scoreArtifact(await sol.trainSeparable(train, { epochs: plan.separable.epochs, batchSize: 32, seed: r.seed }), t.test, 'trainSeparable');
    const layers = separableLayers(m.model);
    m.model.dispose();
    for (const l of layers) {
      const formula = expectNumber(await sol.convParams(l.spec), 'convParams');
      if (formula !== l.params) throw new RequirementFailed(`convParams on the design's own layer ${l.name} (${JSON.stringify(l.spec)}) = ${formula}; tf.layers counts ${l.params}`);
    }
    const saved = layers.reduce((n, l) => n + l.fullConvParams - l.params, 0);
    r.record('separable', { params: m.params, bytes: m.floatBytes, accuracy: m.accuracy, layers, fullConvLayoutParams: m.params + saved, trainImages: train.shape[0], epochs: plan.separable.epochs });
    if (layers.length === 0) throw new RequirementFailed('trainSeparable returned a model without SeparableConv2D or DepthwiseConv2D layers');
    // Reference (seeds 0/1/2): 9,018 parameters (8.5% of the teacher's; bar 25%); accuracy standard
    // .706/.684/.724 (bar .55), smoke .30/.45/.44 (bar .2).
    r.atMost('separable design parameters / teacher parameters', m.params / t.params, 0.25);
    r.atLeast('separable design test accuracy', m.accuracy, bar.separable);
  });
});
