// gradebench bench: LeNet-5 and MyNet training throughput (images/s) on each available tfjs backend
// and, when Debian's PyTorch imports, the same models in PyTorch in the same run
// (bench/peers/torch_train.py), with the ratios written to reports/bench.md and reports/bench.json.
// Every measurement trains on real Fashion-MNIST with fitFast (Adam, batch 64, seeded shuffle):
// a few warm-up steps, then timed steps, repeated; the median repeat is reported.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initEngine, seedEverything } from '../engine/index.ts';
import { registerFastGradients } from '../engine/gradients/index.ts';
import { median } from '../engine/profile.ts';
import { fitFast } from '../engine/train-loop.ts';
import { loadFashionMnist } from '../data/index.ts';
import { padTo32 } from '../models/mynet.ts';
import { parse, intOption } from './args.ts';
import { trainingModels } from './profile.ts';

export interface BenchEntry { name: string; backend: string; value: number; unit: string }
/** Images per second of this process's CPU time, per entry (reported in bench.md only). */
type CpuRates = Map<BenchEntry, number>;

const usage = `usage: gradebench bench [--backends wasm,cpu,tensorflow] [--models lenet5,mynet] [--repeats 3]
                       [--torch-threads 1,${cpus().length}] [--no-torch] [--cpu-mynet] [--out reports]
  Trains each model for warm-up + timed steps per backend (cpu: 1 + 2 steps, it is slow) and in
  PyTorch (/usr/bin/python3 with python3-torch), and writes <out>/bench.md and <out>/bench.json.`;

const STEPS: Record<string, number> = { lenet5: 150, mynet: 25 }; // timed steps per repeat (not cpu)
const PY = '/usr/bin/python3';
const PEER = join(import.meta.dirname, '../../bench/peers/torch_train.py');

export async function benchCommand(argv: string[]): Promise<number> {
  const { values, help } = parse(argv, {
    backends: { type: 'string' }, models: { type: 'string', default: 'lenet5,mynet' },
    repeats: { type: 'string', default: '3' }, 'torch-threads': { type: 'string', default: `1,${cpus().length}` },
    'no-torch': { type: 'boolean' }, 'cpu-mynet': { type: 'boolean' }, out: { type: 'string', default: 'reports' },
  }, usage);
  if (help) { console.log(usage); return 0; }
  const models = String(values.models).split(',');
  const repeats = intOption(values.repeats, 'repeats') ?? 3;
  const engine = await initEngine({ quiet: true });
  registerFastGradients();
  const backends = values.backends ? String(values.backends).split(',') : await availableBackends(engine.backend);
  const load = [loadavg()[0]];
  const { x28, y, source } = await benchData(12_800);
  const entries: BenchEntry[] = [];
  const cpuRates: CpuRates = new Map();
  const notes: string[] = [];
  for (const backend of backends) {
    if (!(await tf.setBackend(backend).catch(() => false))) { notes.push(`${backend}: could not be initialised`); continue; }
    for (const model of models) {
      if (backend === 'cpu' && model === 'mynet' && !values['cpu-mynet']) {
        notes.push('MyNet on cpu: skipped (minutes per step on this machine; --cpu-mynet measures it)');
        continue;
      }
      const x = model === 'mynet' ? padTo32(x28) : x28;
      const steps = backend === 'cpu' ? 2 : STEPS[model];
      const runs: Array<{ wall: number; cpu: number }> = [];
      for (let r = 0; r < (backend === 'cpu' ? 1 : repeats); r++) runs.push(await throughput(model, x, y, steps, backend === 'cpu' ? 1 : 3));
      if (x !== x28) x.dispose();
      const entry = { name: `${model}-fashion-train`, backend, value: median(runs.map((r) => r.wall)), unit: 'images/s' };
      entries.push(entry);
      cpuRates.set(entry, median(runs.map((r) => r.cpu)));
      process.stderr.write(`bench: ${model} on ${backend}: ${runs.map((r) => r.wall.toFixed(0)).join(', ')} images/s\n`);
    }
  }
  tf.dispose([x28, y]);
  if (!values['no-torch']) entries.push(...torchPeer(models, String(values['torch-threads']).split(',').map(Number), notes, cpuRates));
  load.push(loadavg()[0]);
  const out = String(values.out);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'bench.json'), `${JSON.stringify(entries, null, 2)}\n`);
  writeFileSync(join(out, 'bench.md'), renderBench(entries, cpuRates, { source, load, notes, repeats, tfjs: engine.tfjsVersion }));
  console.log(renderTable(entries, cpuRates));
  return 0;
}

async function availableBackends(chosen: string): Promise<string[]> {
  const names = ['tensorflow', 'wasm', 'cpu'].filter((b) => tf.findBackendFactory(b) || tf.findBackend(b));
  return [chosen, ...names.filter((b) => b !== chosen)];
}

/** Fashion-MNIST's first n training images as x [n,28,28,1] in [0,1] and one-hot y [n,10]. */
async function benchData(n: number): Promise<{ x28: tf.Tensor4D; y: tf.Tensor2D; source: string }> {
  const { train } = await loadFashionMnist();
  const pixels = Float32Array.from(train.images.subarray(0, n * 784), (v) => v / 255);
  const x28 = tf.tensor4d(pixels, [n, 28, 28, 1]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(train.labels.subarray(0, n), 'int32'), 10).toFloat()) as tf.Tensor2D;
  return { x28, y, source: `Fashion-MNIST, first ${n} training images (dataset layer, loadFashionMnist)` };
}

/** images/s (wall, and per CPU-second of this process) of `steps` timed fitFast steps after warm-up steps. */
async function throughput(model: string, x: tf.Tensor, y: tf.Tensor, steps: number, warmup: number): Promise<{ wall: number; cpu: number }> {
  seedEverything(0);
  const m = trainingModels[model].build();
  try {
    await fitFast(m, x, y, { batchSize: 64, seed: 1, maxBatchesPerEpoch: warmup });
    const cpu0 = process.cpuUsage(); // CPU time also covers fitFast's one host copy of the data
    const [logs] = await fitFast(m, x, y, { batchSize: 64, seed: 2, maxBatchesPerEpoch: steps });
    const cpu = process.cpuUsage(cpu0);
    return { wall: logs.imagesPerSec, cpu: logs.samples / ((cpu.user + cpu.system) / 1e6) };
  } finally {
    m.dispose();
  }
}

/** The PyTorch rows (backend torch-cpu-<threads>), or a note saying why there are none. */
function torchPeer(models: string[], threads: number[], notes: string[], cpuRates: CpuRates): BenchEntry[] {
  const entries: BenchEntry[] = [];
  for (const t of threads) {
    const r = spawnSync(PY, [PEER, '--threads', String(t), '--models', models.join(',')], { encoding: 'utf8', timeout: 900_000 });
    if (r.status !== 0) {
      notes.push(`PyTorch (${t} thread(s)) did not run: ${(r.stderr || String(r.error)).trim().split('\n').pop()} ` +
        `(it needs Debian's python3-torch under ${PY}: apt-get install -y python3-torch)`);
      break;
    }
    for (const line of r.stdout.trim().split('\n')) {
      const j = JSON.parse(line) as { model: string; images_per_sec: number; images_per_cpu_sec: number; threads: number; torch: string };
      const entry = { name: `${j.model}-fashion-train`, backend: `torch-cpu-${j.threads}`, value: j.images_per_sec, unit: 'images/s' };
      entries.push(entry);
      cpuRates.set(entry, j.images_per_cpu_sec);
      if (!notes.some((n) => n.startsWith('PyTorch '))) notes.push(`PyTorch ${j.torch} (Debian python3-torch), threads set with torch.set_num_threads`);
    }
  }
  return entries;
}

function renderTable(entries: BenchEntry[], cpuRates: CpuRates): string {
  const torch = entries.filter((e) => e.backend.startsWith('torch-'));
  const head = ['model', 'backend', 'images/s', 'images/CPU-s', ...torch.map((t) => t.backend).filter((b, i, a) => a.indexOf(b) === i).map((b) => `vs ${b}`)];
  const rows = entries.map((e) => [e.name, e.backend, e.value.toFixed(0), cpuRates.get(e)?.toFixed(0) ?? '',
    ...head.slice(4).map((h) => {
      const peer = torch.find((t) => t.name === e.name && `vs ${t.backend}` === h);
      return peer ? `${(e.value / peer.value).toFixed(2)}x` : '';
    })]);
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function renderBench(entries: BenchEntry[], cpuRates: CpuRates, m: { source: string; load: number[]; notes: string[]; repeats: number; tfjs: string }): string {
  return `# Training throughput

${renderTable(entries, cpuRates)}

Images per second while training (forward, backward and an Adam step; batch 64; softmax
cross-entropy on logits), with \`gradebench bench\` on ${new Date().toISOString().slice(0, 10)}.

- Data: ${m.source}; MyNet's input is padded to 32x32. Models: src/models/lenet5.ts, src/models/mynet.ts
  and their PyTorch twins in bench/peers/torch_train.py.
- tfjs ${m.tfjs}, Node ${process.version}, ${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown'}); tfjs-wasm runs
  one thread in Node. Loop: fitFast (src/engine/train-loop.ts), 3 warm-up steps, then ${STEPS.lenet5} (LeNet-5) or
  ${STEPS.mynet} (MyNet) timed steps, median of ${m.repeats} repeats (cpu: 1 warm-up step and one repeat of 2 steps).
- The machine is shared: 1-minute load average ${m.load.map((l) => l.toFixed(1)).join(' at the start, ')} at the end.
  Compare rows of one run; ratios are "tfjs / PyTorch" in wall-clock images/s (above 1: tfjs is
  faster). images/CPU-s divides by the process's CPU time instead (all its threads): steadier when
  other work competes for the cores, and what one idle core would give a single-threaded run.
${m.notes.map((n) => `- ${n}`).join('\n')}
`;
}
