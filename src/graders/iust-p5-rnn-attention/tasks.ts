// The synthetic tasks, generated and scored by the grader, which keeps the answers.
//  - lookup: each example has L random keys with class values; its query is M k_j + noise for one
//    of its keys j, with M a random orthogonal D x D matrix fixed per task; the answer is value_j.
//  - counting: the input is one-hot(start) ++ one-hot(step); the output is start, start + step, ...
//    (mod 10), T numbers: the hidden state has to carry the count.
import type { LookupSet, LookupTask, OneToManyTask } from '../../contracts/iust-p5-rnn-attention.ts';
import { gaussian, makeRng, type Rng } from '../../engine/seed.ts';

/** A random orthogonal matrix [D, D] (Gram-Schmidt on Gaussian columns). */
function orthogonal(D: number, rng: Rng): Float64Array {
  const m = new Float64Array(D * D);
  for (let c = 0; c < D; c++) {
    const v = Float64Array.from({ length: D }, () => gaussian(rng));
    for (let p = 0; p < c; p++) {
      let d = 0;
      for (let i = 0; i < D; i++) d += v[i] * m[i * D + p];
      for (let i = 0; i < D; i++) v[i] -= d * m[i * D + p];
    }
    const norm = Math.hypot(...v);
    for (let i = 0; i < D; i++) m[i * D + c] = v[i] / norm;
  }
  return m;
}

export interface LookupSizes { train: number; eval: number; L: number; D: number; classes: number; noise: number }

function lookupSet(n: number, s: LookupSizes, M: Float64Array, rng: Rng): LookupSet & { targets: Int32Array } {
  const { L, D, classes } = s;
  const keys = Float64Array.from({ length: n * L * D }, () => gaussian(rng));
  const values = Int32Array.from({ length: n * L }, () => Math.floor(rng() * classes));
  const queries = new Float64Array(n * D), targets = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = Math.floor(rng() * L);
    targets[i] = values[i * L + j];
    for (let r = 0; r < D; r++) {
      let q = s.noise * gaussian(rng);
      for (let c = 0; c < D; c++) q += M[r * D + c] * keys[(i * L + j) * D + c];
      queries[i * D + r] = q;
    }
  }
  return { queries: { data: queries, shape: [n, D] }, keys: { data: keys, shape: [n, L, D] }, values, targets };
}

export function lookupTask(s: LookupSizes, seed: number): { task: LookupTask; evalTargets: Int32Array } {
  const rng = makeRng(`lookup:${seed}`);
  const M = orthogonal(s.D, rng);
  const train = lookupSet(s.train, s, M, rng);
  const { targets: evalTargets, ...evalSet } = lookupSet(s.eval, s, M, rng);
  return { task: { train, eval: evalSet, classes: s.classes }, evalTargets };
}

export const COUNT_STEPS = [1, 2, 3];

/** Every (start 0..9, step in COUNT_STEPS) pair once: inputs [30, 13], targets [30 * T]. */
export function countingTask(T: number): OneToManyTask {
  const D = 10 + COUNT_STEPS.length;
  const pairs = COUNT_STEPS.flatMap((step, si) => Array.from({ length: 10 }, (_, start) => ({ start, step, si })));
  const inputs = new Float64Array(pairs.length * D), targets = new Int32Array(pairs.length * T);
  pairs.forEach(({ start, step, si }, n) => {
    inputs[n * D + start] = 1;
    inputs[n * D + 10 + si] = 1;
    for (let t = 0; t < T; t++) targets[n * T + t] = (start + t * step) % 10;
  });
  return { inputs: { data: inputs, shape: [pairs.length, D] }, targets, length: T, classes: 10 };
}
