// The search task and its scoring. The grader draws the regression data (train / validation),
// re-evaluates every reported architecture with the environment, and compares methods by the best
// reward each found within the budget, over several seeds.
import { evaluateArchitecture, nasDecisions, nasOptions, type Architecture, type NasData } from '../../contracts/iust-p6-metrics-ssl.ts';
import { gaussian, makeRng } from '../../engine/seed.ts';

const target = (x1: number, x2: number) => Math.sin(3 * x1) * Math.cos(2 * x2) + 0.3 * x1 * x1;

export function nasData(seed: number, n = 100): NasData {
  const rng = makeRng(`nas-data:${seed}`);
  const split = () => {
    const x = Float64Array.from({ length: 2 * n }, () => 2 * rng() - 1);
    const y = Float64Array.from({ length: n }, (_, i) => target(x[2 * i], x[2 * i + 1]) + 0.1 * gaussian(rng));
    return { x: { data: x, shape: [n, 2] }, y };
  };
  return { train: split(), val: split() };
}

export const archKey = (a: Architecture) => a.join('');
export const describeArch = (a: Architecture) => nasDecisions.map((d, i) => `${d}=${nasOptions[d][a[i]]}`).join(', ');

/** Every architecture of the space (4^6), for the exhaustive reference. */
export function allArchitectures(): Architecture[] {
  return Array.from({ length: 4 ** nasDecisions.length }, (_, i) => nasDecisions.map((_, d) => Math.floor(i / 4 ** d) % 4));
}

/** Rewards of every architecture, ascending: the space's reward distribution. */
export function rewardDistribution(data: NasData): Float64Array {
  return Float64Array.from(allArchitectures(), (a) => evaluateArchitecture(a, data)).sort();
}

/** Fraction of the space strictly better than reward: 0 = the best architecture there is. */
export function fractionBetter(sorted: Float64Array, reward: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] <= reward + 1e-12) lo = mid + 1; else hi = mid; }
  return (sorted.length - lo) / sorted.length;
}
