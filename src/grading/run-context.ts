// Settings of one grading run, read from the environment that `gradebench grade` (or the developer)
// sets, so that the same spec files run under `npm test` and under the grader.
import path from 'node:path';
import { projectRoot, solutionsDir } from './solution-loader.ts';
import { tiers, type Tier } from './types.ts';

export function currentTier(): Tier {
  const t = (process.env.GRADEBENCH_TIER ?? 'standard') as Tier;
  if (!tiers.includes(t)) throw new Error(`GRADEBENCH_TIER='${t}' is not a tier; use one of ${tiers.join(', ')}`);
  return t;
}

export function currentSeed(): number {
  const s = Number(process.env.GRADEBENCH_SEED ?? '0');
  if (!Number.isInteger(s)) throw new Error(`GRADEBENCH_SEED='${process.env.GRADEBENCH_SEED}' is not an integer`);
  return s;
}

/** Where figures and records go: GRADEBENCH_OUT, default <project>/out. */
export function outDir(): string {
  return path.resolve(process.env.GRADEBENCH_OUT ?? path.join(projectRoot, 'out'));
}

/** Budgets scale with GRADEBENCH_BUDGET_SCALE for slow machines (default 1). */
export function budgetScale(): number {
  const s = Number(process.env.GRADEBENCH_BUDGET_SCALE ?? '1');
  return Number.isFinite(s) && s > 0 ? s : 1;
}

/** Picks the value for the current tier: thresholds, subset sizes, epochs. */
export function byTier<T>(values: Record<Tier, T>): T {
  return values[currentTier()];
}

export { solutionsDir };
