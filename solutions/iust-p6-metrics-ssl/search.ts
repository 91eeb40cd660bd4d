// Architecture search over the environment's 6 decisions x 4 options. Random search samples
// uniformly. REINFORCE keeps one softmax policy per decision (a factorised controller), samples a
// batch of architectures, and moves each decision's logits along (reward - baseline) times the
// gradient of log pi(choice), the baseline being a running mean of the rewards.
import type { Architecture, NasData, SearchOptions } from '../../src/contracts/iust-p6-metrics-ssl.ts';
import { iustP6MetricsSsl, makeRng } from '../../src/kit.ts';

const { evaluateArchitecture, nasDecisions } = iustP6MetricsSsl;

const OPTIONS = 4, BATCH = 4, LR = 3.0, BASELINE_DECAY = 0.8;

function softmax(logits: Float64Array): Float64Array {
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

function draw(p: Float64Array, rng: () => number): number {
  let u = rng(), k = 0;
  while (k < p.length - 1 && (u -= p[k]) > 0) k++;
  return k;
}

export async function searchArchitecture(data: NasData, o: SearchOptions) {
  const rng = makeRng(`nas:${o.method}:${o.seed}`);
  const architectures: Architecture[] = [], rewards: number[] = [];
  const evaluate = (arch: Architecture) => { architectures.push(arch); rewards.push(evaluateArchitecture(arch, data)); };
  if (o.method === 'random') {
    while (architectures.length < o.budget) evaluate(nasDecisions.map(() => Math.floor(rng() * OPTIONS)));
    return { architectures, rewards };
  }
  const logits = nasDecisions.map(() => new Float64Array(OPTIONS));
  let baseline: number | undefined;
  while (architectures.length < o.budget) {
    const size = Math.min(BATCH, o.budget - architectures.length);
    const probs = logits.map(softmax);
    const batch = Array.from({ length: size }, () => probs.map((p) => draw(p, rng)));
    batch.forEach(evaluate);
    const r = rewards.slice(-size);
    const mean = r.reduce((a, b) => a + b, 0) / size;
    baseline ??= mean;
    batch.forEach((arch, i) => {
      const advantage = r[i] - baseline!;
      arch.forEach((choice, d) => {
        for (let k = 0; k < OPTIONS; k++) logits[d][k] += (LR / size) * advantage * ((k === choice ? 1 : 0) - probs[d][k]);
      });
    });
    baseline = BASELINE_DECAY * baseline + (1 - BASELINE_DECAY) * mean;
  }
  return { architectures, rewards };
}
