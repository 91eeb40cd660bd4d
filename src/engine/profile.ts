// Where a training step's time goes, per kernel. Two passes over the same step:
//  1. timed steps (wall time per step, synchronised by reading the loss; and this process's CPU
//     time, steadier when other work shares the machine), which give the throughput;
//  2. profiled steps, during which every kernel registered for the backend is wrapped with a timer.
//     Only top-level calls count: a gradebench kernel that runs other kernels is one entry. Both
//     wall and CPU time are kept per kernel and per kernel-and-input-shapes.
// A step's time minus its kernels' is JavaScript overhead: the tape, the layers API and the
// optimizer's bookkeeping. Kernel times are exact for synchronous backends (wasm, cpu, tfjs-node);
// on webgl they would only be the time to enqueue.
import * as tf from '@tensorflow/tfjs';

export interface KernelStat {
  name: string; // a kernel, or a kernel and its input shapes
  msPerStep: number; // wall
  cpuMsPerStep: number;
  callsPerStep: number;
}

export interface StepProfile {
  backend: string;
  batch: number;
  steps: number; // timed steps (after `warmup` untimed ones; then `profiled` profiled ones)
  msPerStep: number; // median wall time of a timed step
  cpuMsPerStep: number; // this process's CPU time per timed step
  imagesPerSec: number; // from the median wall time
  kernelMsPerStep: number; // sum over kernels (wall), from the profiled steps
  kernelCpuMsPerStep: number;
  kernels: KernelStat[]; // slowest (CPU) first
  calls: KernelStat[]; // per kernel and input shapes, slowest first
}

export interface ProfileOptions {
  batch: number; // images per step, for images/s
  warmup?: number; // default 5 (the first steps run slower: JIT, heap growth)
  steps?: number; // timed, default 10
  profiled?: number; // default 3
}

type Totals = Map<string, { ms: number; cpu: number; calls: number }>;

/** Wraps every kernel of `backend` with a timer until the returned function is called. */
function instrument(backend: string, record: (name: string, shapes: string, ms: number, cpuMs: number) => void): () => void {
  const configs = tf.getKernelsForBackend(backend) as Array<tf.KernelConfig & { kernelFunc: tf.KernelFunc }>;
  const originals = configs.map((c) => c.kernelFunc);
  let depth = 0;
  configs.forEach((config, i) => {
    const inner = originals[i];
    config.kernelFunc = (args) => {
      if (depth > 0) return inner(args);
      depth++;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      try {
        return inner(args);
      } finally {
        depth--;
        const cpu = process.cpuUsage(cpu0);
        const shapes = Object.values(args.inputs).map((t) => `[${t?.shape ?? ''}]`).join(' ');
        record(config.kernelName, shapes, performance.now() - t0, (cpu.user + cpu.system) / 1000);
      }
    };
  });
  return () => configs.forEach((c, i) => { c.kernelFunc = originals[i]; });
}

/** Profiles `step`, which runs one training step and returns tensors to dispose (the loss first). */
export async function profileStep(step: () => tf.Tensor[], opts: ProfileOptions): Promise<StepProfile> {
  const { warmup = 5, steps = 10, profiled = 3 } = opts;
  const run = async () => {
    const outs = step();
    await outs[0].data(); // wasm and cpu are synchronous; this also waits for webgl/tensorflow
    tf.dispose(outs);
  };
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  const byName: Totals = new Map();
  const byShape: Totals = new Map();
  const add = (m: Totals, key: string, ms: number, cpuMs: number) => {
    const t = m.get(key) ?? { ms: 0, cpu: 0, calls: 0 };
    t.ms += ms;
    t.cpu += cpuMs;
    t.calls += 1;
    m.set(key, t);
  };
  const restore = instrument(tf.getBackend(), (name, shapes, ms, cpuMs) => {
    add(byName, name, ms, cpuMs);
    add(byShape, `${name} ${shapes}`, ms, cpuMs);
  });
  try {
    for (let i = 0; i < profiled; i++) await run();
  } finally {
    restore();
  }
  const stats = (m: Totals) => [...m]
    .map(([name, t]) => ({ name, msPerStep: t.ms / profiled, cpuMsPerStep: t.cpu / profiled, callsPerStep: t.calls / profiled }))
    .sort((a, b) => b.cpuMsPerStep - a.cpuMsPerStep);
  const kernels = stats(byName);
  const msPerStep = median(times);
  return {
    backend: tf.getBackend(),
    batch: opts.batch,
    steps,
    msPerStep,
    cpuMsPerStep: (cpu.user + cpu.system) / 1000 / steps,
    imagesPerSec: (opts.batch * 1000) / msPerStep,
    kernelMsPerStep: kernels.reduce((s, k) => s + k.msPerStep, 0),
    kernelCpuMsPerStep: kernels.reduce((s, k) => s + k.cpuMsPerStep, 0),
    kernels,
    calls: stats(byShape),
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A plain-text table: kernel, wall and CPU ms per step, share of the kernels' CPU time, calls. */
export function formatProfile(p: StepProfile, top = 25, byShape = false): string {
  const width = byShape ? 64 : 28;
  const lines = [
    `backend ${p.backend}, batch ${p.batch}: ${p.msPerStep.toFixed(1)} ms/step wall (median of ${p.steps}), ` +
      `${p.cpuMsPerStep.toFixed(1)} ms/step CPU, ${p.imagesPerSec.toFixed(0)} images/s`,
    `kernels ${p.kernelMsPerStep.toFixed(1)} ms/step wall, ${p.kernelCpuMsPerStep.toFixed(1)} CPU; ` +
      `the rest (JS: tape, layers, optimizer) about ${(p.cpuMsPerStep - p.kernelCpuMsPerStep).toFixed(1)} ms/step CPU`,
    `${(byShape ? 'kernel and input shapes' : 'kernel').padEnd(width)} ${'wall ms'.padStart(8)} ${'CPU ms'.padStart(8)} ${'share'.padStart(6)} ${'calls'.padStart(6)}`,
  ];
  const rows = byShape ? p.calls : p.kernels;
  for (const k of rows.slice(0, top)) {
    const share = p.kernelCpuMsPerStep > 0 ? (100 * k.cpuMsPerStep) / p.kernelCpuMsPerStep : 0;
    lines.push(`${k.name.padEnd(width)} ${k.msPerStep.toFixed(2).padStart(8)} ${k.cpuMsPerStep.toFixed(2).padStart(8)} ${share.toFixed(1).padStart(5)}% ${String(k.callsPerStep).padStart(6)}`);
  }
  if (rows.length > top) lines.push(`... ${rows.length - top} more rows`);
  return lines.join('\n');
}
