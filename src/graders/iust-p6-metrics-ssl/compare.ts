// Random search vs REINFORCE at equal budget, over several search seeds on one grader-drawn task.
// Every reported reward is recomputed with the environment (a search cannot claim what it did not
// find); then each method is summarised by the best reward it found and by the mean reward of the
// last quarter of its budget (where a learning controller should have moved to good architectures).
import { evaluateArchitecture, nasDecisions, type IustP6MetricsSsl, type SearchResult } from '../../contracts/iust-p6-metrics-ssl.ts';
import { RequirementFailed } from '../../grading/errors.ts';
import type { RequirementContext } from '../../grading/spec.ts';
import { searchFigure } from './figures.ts';
import { describeArch, nasData } from './nas.ts';

type Method = 'reinforce' | 'random';
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

function verify(res: SearchResult, budget: number, data: ReturnType<typeof nasData>, what: string): void {
  if (!Array.isArray(res?.architectures) || !Array.isArray(res.rewards) || res.architectures.length !== budget || res.rewards.length !== budget) {
    throw new RequirementFailed(`${what}: expected ${budget} architectures and ${budget} rewards, got ${res?.architectures?.length} and ${res?.rewards?.length}`);
  }
  res.architectures.forEach((a, i) => {
    if (!Array.isArray(a) || a.length !== nasDecisions.length || a.some((k) => !Number.isInteger(k) || k < 0 || k > 3)) throw new RequirementFailed(`${what}: architecture ${i} is ${JSON.stringify(a)}, not ${nasDecisions.length} option indices 0..3`);
    const truth = evaluateArchitecture(a, data);
    if (Math.abs(truth - res.rewards[i]) > 1e-9) throw new RequirementFailed(`${what}: reported reward ${res.rewards[i]} for architecture ${i} (${describeArch(a)}), but evaluateArchitecture gives ${truth}`);
  });
}

export async function compareSearches(sol: IustP6MetricsSsl, seeds: number, budget: number, r: RequirementContext) {
  const data = nasData(r.seed);
  const runs: Record<Method, SearchResult[]> = { reinforce: [], random: [] };
  for (let s = 0; s < seeds; s++) {
    for (const method of ['reinforce', 'random'] as const) {
      const res = await sol.searchArchitecture(data, { method, budget, seed: 1000 * r.seed + s });
      verify(res, budget, data, `${method} search, seed ${s}`);
      runs[method].push(res);
    }
    r.progress(`search seed ${s + 1}/${seeds}`);
  }
  const quarter = Math.max(1, Math.floor(budget / 4));
  const stats = (m: Method) => {
    const best = runs[m].map((x) => Math.max(...x.rewards));
    return { best: mean(best), bestPerSeed: best, lastQuarter: mean(runs[m].map((x) => mean(x.rewards.slice(-quarter)))) };
  };
  const reinforce = stats('reinforce'), random = stats('random');
  const wins = reinforce.bestPerSeed.filter((b, i) => b > random.bestPerSeed[i]).length;
  const top = runs.reinforce.flatMap((x) => x.architectures.map((a, i) => ({ a, r: x.rewards[i] }))).sort((a, b) => b.r - a.r)[0];
  await searchFigure(r, runs);
  return { summary: { seeds, budget, reinforce, random, reinforceWins: wins, bestFound: { architecture: describeArch(top.a), reward: top.r } } };
}
