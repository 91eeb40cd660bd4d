// The `grade` stage: runs the selected assignments' specs (the same vitest files `npm test` runs)
// against a solutions folder, through GradingReporter, and returns the results. One grading path:
// the CLI and CI call this; npm test runs the same specs on the reference solutions.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startVitest } from 'vitest/node';
import { selectAssignments } from '../catalog.ts';
import { datasetStatus } from '../data/index.ts';
import { GradingReporter } from './reporter.ts';
import type { Results } from './results.ts';
import { projectRoot } from './solution-loader.ts';
import type { Tier } from './types.ts';

export interface GradeOptions {
  solutions?: string;
  only?: string[];
  tier?: Tier;
  out?: string;
  seed?: number;
  log?: (line: string) => void;
}

export async function grade(opts: GradeOptions = {}): Promise<Results> {
  const assignments = selectAssignments(opts.only);
  const solutions = path.resolve(opts.solutions ?? path.join(projectRoot, 'solutions'));
  if (!existsSync(solutions)) throw new Error(`solutions folder ${solutions} does not exist`);
  const out = path.resolve(opts.out ?? 'out');
  const tier = opts.tier ?? ((process.env.GRADEBENCH_TIER as Tier | undefined) ?? 'standard');
  const seed = opts.seed ?? 0;
  for (const a of assignments) {
    rmSync(path.join(out, 'records', `${a.id}.json`), { force: true });
    rmSync(path.join(out, 'figures', a.id), { recursive: true, force: true });
  }
  Object.assign(process.env, {
    GRADEBENCH_SOLUTIONS: solutions, GRADEBENCH_TIER: tier, GRADEBENCH_SEED: String(seed),
    GRADEBENCH_OUT: out, GRADEBENCH_PROGRESS: '1',
  });
  const runMeta = {
    tool: 'gradebench', tool_commit: gitCommit(), node_version: process.version, tier, seed,
    solutions, student: path.basename(solutions), assignments: assignments.map((a) => a.id),
    started_at: new Date().toISOString(), machine: machineLine(),
  };
  const reporter = new GradingReporter({ outDir: out, runMeta, log: opts.log });
  const files = assignments.map((a) => path.join(projectRoot, 'specs', `${a.id}.spec.ts`));
  for (const f of files.filter((f) => !existsSync(f))) {
    const id = path.basename(f, '.spec.ts');
    reporter.writer.add({ name: `${id}/spec-loads`, number: '0.0', score: 0, max_score: 0, status: 'failed',
      output: `no spec file ${f}`, visibility: 'visible', tags: [id], extra_data: {} });
  }
  const started = Date.now();
  const vitest = await startVitest('test', files.filter(existsSync), {
    root: projectRoot, config: path.join(projectRoot, 'vitest.config.ts'), project: ['specs'],
    watch: false, reporters: [reporter], passWithNoTests: true,
  });
  await vitest.close();
  reporter.writer.setMeta('wall_time_s', Math.round((Date.now() - started) / 1000));
  reporter.writer.setMeta('datasets', await datasetChecksums(assignments.flatMap((a) => a.datasets)));
  const r = reporter.writer.current;
  return reporter.writer.finish(`${r.score} / ${r.max_score} points over ${assignments.length} assignment(s), tier ${tier}`);
}

/** HEAD's short hash, with "+dirty" when the work tree has uncommitted or untracked (not ignored) files. */
function gitCommit(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  try {
    const head = git('rev-parse', '--short=12', 'HEAD');
    return git('status', '--porcelain') ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

export function machineLine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}`;
}

async function datasetChecksums(names: string[]): Promise<Record<string, string>> {
  const wanted = new Set(names);
  if (wanted.size === 0) return {};
  try {
    const status = await datasetStatus({}, [...wanted]);
    return Object.fromEntries(status.map((s) => [s.name, s.sha256 ?? 'not found']));
  } catch (e) {
    return { error: (e as Error).message };
  }
}
