// How a spec file declares an assignment and its requirements. Each requirement is a vitest test
// named `<id> > <requirement>` carrying its points and evidence in task.meta, so the results
// reporter can turn the run into a Gradescope results.json. A requirement that throws (a
// SolutionError, a RequirementFailed, anything) scores zero with that message; the others still run.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, test } from 'vitest';
import { findAssignment } from '../catalog.ts';
import { initEngine } from '../engine/backend.ts';
import { seedEverything } from '../engine/seed.ts';
import { RequirementFailed } from './errors.ts';
import { budgetScale, currentSeed, currentTier, outDir, solutionsDir } from './run-context.ts';
import { guard, loadHost, type Guarded, type SolutionHost } from './solution-loader.ts';
import type { RequirementMeta, Tier, Visibility } from './types.ts';

export interface AssignmentOptions<C> {
  /** Contract function names the solution must export. */
  functions: ReadonlyArray<keyof C & string>;
  /** Seconds one contract call may take, per tier (scaled by GRADEBENCH_BUDGET_SCALE). */
  budgetSeconds: Record<Tier, number>;
  /** npm packages a solution may import besides @tensorflow/tfjs and the kit (the contract names them). */
  packages?: readonly string[];
}

export interface AssignmentContext<C> {
  id: string;
  tier: Tier;
  seed: number;
  /** The graded solution; loading problems surface as a failed requirement, not a crash. */
  solution(): Promise<Guarded<C>>;
}

export interface RequirementContext {
  tier: Tier;
  seed: number;
  atLeast(metric: string, value: number, threshold: number): void;
  atMost(metric: string, value: number, threshold: number): void;
  record(key: string, value: unknown): void;
  leaderboard(name: string, value: number, order?: 'asc' | 'desc'): void;
  /** Writes a figure file (svg/png bytes or text) to <out>/figures/<id>/<file>. */
  figure(file: string, write: (absPath: string) => Promise<void> | void): Promise<void>;
  progress(message: string): void;
}

// A worker whose grading run was killed from outside exits too (vitest's fork workers outlive a
// SIGKILLed parent otherwise), and its sandboxed children die with it (parent-death signal).
const parentPid = process.ppid;
setInterval(() => { if (process.ppid !== parentPid) process.exit(1); }, 500).unref();
process.once('disconnect', () => process.exit(1));

// The assignment being declared, and its host once loaded (one per spec file, hence per worker).
let current: { id: string; host: () => Promise<SolutionHost> | undefined } | undefined;
/** Counts requirements as they start: the host reseeds the solution when this changes. */
let epoch = 0;

/** How long loading may take: compiling, starting the child, importing (a minute, scaled). */
const loadBudgetMs = () => 60_000 * budgetScale();
/** How long a solution may stay busy after its last call returned before it is ended. */
const settleBudgetMs = () => 10_000 * budgetScale();

export function assignment<C>(id: string, options: AssignmentOptions<C>, body: (a: AssignmentContext<C>) => void): void {
  if (!findAssignment(id)) throw new Error(`spec declares unknown assignment '${id}'; add it to src/catalog.ts`);
  let host: Promise<SolutionHost> | undefined;
  let loaded: Promise<Guarded<C>> | undefined;
  const load = () => (host ??= initEngine().then((engine) =>
    loadHost(id, solutionsDir(), options.functions, { backend: engine.backend, loadBudgetMs: loadBudgetMs(), packages: options.packages })));
  const ctx: AssignmentContext<C> = {
    id, tier: currentTier(), seed: currentSeed(),
    solution: () => (loaded ??= load().then((h) =>
      guard<C>(h, () => options.budgetSeconds[currentTier()] * 1000 * budgetScale(), () => ({ epoch, seed: currentSeed() })))),
  };
  describe(id, () => {
    current = { id, host: () => host };
    body(ctx);
    current = undefined;
    afterAll(async () => (await host?.catch(() => undefined))?.close?.());
  });
}

export interface RequirementOptions {
  points: number;
  visibility?: Visibility;
}

export function requirement(name: string, opts: RequirementOptions, fn: (r: RequirementContext) => Promise<void> | void): void {
  if (!current) throw new Error(`requirement '${name}' must be declared inside assignment(...)`);
  const { id, host } = current;
  const plan = { assignment: id, requirement: name, points: opts.points, visibility: opts.visibility ?? 'visible' };
  test(name, { meta: { gradebenchPlan: plan } }, async ({ task }) => {
    const mine = ++epoch;
    const engine = await initEngine();
    const meta: RequirementMeta = {
      assignment: id, requirement: name, points: opts.points, visibility: opts.visibility ?? 'visible',
      tier: currentTier(), thresholds: [], leaderboard: [], record: {}, figures: [],
      engine: { backend: engine.backend, reason: engine.reason, tfjsVersion: engine.tfjsVersion, nodeVersion: engine.nodeVersion },
    };
    task.meta.gradebench = meta;
    seedEverything(currentSeed());
    let failed = true;
    try {
      await fn(makeRequirementContext(id, name, meta));
      failed = false;
    } finally {
      // A crash after the calls returned is charged here; it never hides the requirement's own failure.
      const loaded = await host()?.catch(() => undefined);
      meta.isolation = loaded?.describe?.();
      const settled = loaded?.settle?.(mine, settleBudgetMs());
      if (failed) await settled?.catch(() => undefined); else await settled;
    }
  });
}

/** Throws RequirementFailed unless `value` meets `threshold`; float noise is not a miss. */
export function checkThreshold(metric: string, value: number, threshold: number, direction: 'at least' | 'at most'): void {
  // 0.565 - 0.545 is 0.019999999999999907, and a 0.02 bar must pass it.
  const slack = 1e-9 * Math.max(1, Math.abs(threshold));
  const ok = Number.isFinite(value) && (direction === 'at least' ? value >= threshold - slack : value <= threshold + slack);
  if (ok) return;
  // Enough digits that a failing value visibly differs from its bar.
  const [v, t] = fmt(value) === fmt(threshold) ? [value.toPrecision(12), threshold.toPrecision(12)] : [fmt(value), fmt(threshold)];
  throw new RequirementFailed(`${metric} = ${v}, needs to be ${direction} ${t}`);
}

function makeRequirementContext(id: string, name: string, meta: RequirementMeta): RequirementContext {
  const compare = (metric: string, value: number, threshold: number, direction: 'at least' | 'at most') => {
    meta.thresholds.push({ metric, value, threshold, direction });
    checkThreshold(metric, value, threshold, direction);
  };
  return {
    tier: meta.tier,
    seed: currentSeed(),
    atLeast: (m, v, t) => compare(m, v, t, 'at least'),
    atMost: (m, v, t) => compare(m, v, t, 'at most'),
    record: (k, v) => { meta.record[k] = v; },
    leaderboard: (n, v, order = 'desc') => { meta.leaderboard.push({ name: n, value: v, order }); },
    figure: async (file, write) => {
      const dir = path.join(outDir(), 'figures', id);
      mkdirSync(dir, { recursive: true });
      await write(path.join(dir, file));
      meta.figures.push(`${id}/${file}`);
    },
    progress: (message) => {
      if (process.env.GRADEBENCH_PROGRESS) console.log(`[progress] ${id}/${name}: ${message}`);
    },
  };
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : Math.abs(v) >= 0.01 ? v.toFixed(4) : v.toExponential(3);
}
