// Where a training step's time goes, per kernel. Two passes over the same step:
//  1. timed steps without profiling (wall time per step, synchronised by reading the loss), which
//     give the throughput;
//  2. steps under tf.profile, whose kernel records (wall time of each top-level kernel call; a
//     gradebench kernel that calls other kernels directly is one record) are summed per kernel name.
// The difference between a step's wall time and its kernels' sum is JavaScript overhead: the
// gradient tape, the layers API and the optimizer's bookkeeping.
import * as tf from '@tensorflow/tfjs';

export interface KernelStat {
  name: string; // a kernel, or with `byShape` a kernel and its input shapes
  msPerStep: number;
  callsPerStep: number;
}

export interface StepProfile {
  backend: string;
  batch: number;
  steps: number; // timed steps (plus `warmup` untimed and `profiled` profiled ones)
  msPerStep: number; // median wall time of a timed step
  imagesPerSec: number;
  kernelMsPerStep: number; // sum over kernels, from the profiled steps
  kernels: KernelStat[]; // slowest first
  calls: KernelStat[]; // per kernel and input shapes, slowest first
}

export interface ProfileOptions {
  batch: number; // images per step, for images/s
  warmup?: number; // default 2
  steps?: number; // timed, default 5
  profiled?: number; // default 2
}

/** Profiles `step`, which runs one training step and returns tensors to dispose (the loss first). */
export async function profileStep(step: () => tf.Tensor[], opts: ProfileOptions): Promise<StepProfile> {
  const { warmup = 2, steps = 5, profiled = 2 } = opts;
  const run = async () => {
    const outs = step();
    await outs[0].data(); // wasm and cpu are synchronous; this also waits for webgl/tensorflow
    tf.dispose(outs);
  };
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  const byName = new Map<string, { ms: number; calls: number }>();
  const byShape = new Map<string, { ms: number; calls: number }>();
  const add = (m: Map<string, { ms: number; calls: number }>, key: string, ms: number) => {
    const t = m.get(key) ?? { ms: 0, calls: 0 };
    t.ms += ms;
    t.calls += 1;
    m.set(key, t);
  };
  for (let i = 0; i < profiled; i++) {
    const info = await tf.profile(() => { tf.dispose(step()); });
    for (const k of info.kernels) {
      // 'xxx__op' records are custom-gradient scopes around kernels that are recorded themselves
      if (k.name.endsWith('__op')) continue;
      add(byName, k.name, Number(k.kernelTimeMs));
      add(byShape, `${k.name} ${k.inputShapes.map((s) => `[${s ?? ''}]`).join(' ')}`, Number(k.kernelTimeMs));
    }
  }
  const stats = (m: Map<string, { ms: number; calls: number }>) => [...m]
    .map(([name, t]) => ({ name, msPerStep: t.ms / profiled, callsPerStep: t.calls / profiled }))
    .sort((a, b) => b.msPerStep - a.msPerStep);
  const kernels = stats(byName);
  const msPerStep = median(times);
  return {
    backend: tf.getBackend(),
    batch: opts.batch,
    steps,
    msPerStep,
    imagesPerSec: (opts.batch * 1000) / msPerStep,
    kernelMsPerStep: kernels.reduce((s, k) => s + k.msPerStep, 0),
    kernels,
    calls: stats(byShape),
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A plain-text table: kernel, ms per step, share of the kernels' time, calls per step. */
export function formatProfile(p: StepProfile, top = 25, byShape = false): string {
  const lines = [
    `backend ${p.backend}, batch ${p.batch}: ${p.msPerStep.toFixed(1)} ms/step (median of ${p.steps}), ` +
      `${p.imagesPerSec.toFixed(0)} images/s; kernels ${p.kernelMsPerStep.toFixed(1)} ms/step, ` +
      `other (JS, tape, optimizer) ${(p.msPerStep - p.kernelMsPerStep).toFixed(1)} ms/step`,
    `${(byShape ? 'kernel and input shapes' : 'kernel').padEnd(byShape ? 60 : 28)} ${'ms/step'.padStart(9)} ${'share'.padStart(6)} ${'calls'.padStart(6)}`,
  ];
  const rows = byShape ? p.calls : p.kernels;
  for (const k of rows.slice(0, top)) {
    const share = p.kernelMsPerStep > 0 ? (100 * k.msPerStep) / p.kernelMsPerStep : 0;
    lines.push(`${k.name.padEnd(byShape ? 60 : 28)} ${k.msPerStep.toFixed(2).padStart(9)} ${share.toFixed(1).padStart(5)}% ${String(k.callsPerStep).padStart(6)}`);
  }
  if (rows.length > top) lines.push(`... ${rows.length - top} more rows`);
  return lines.join('\n');
}
