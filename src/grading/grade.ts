// The `grade` stage: runs the selected assignments' specs (the same vitest files `npm test` runs)
// against a solutions folder, through GradingReporter, and returns the results. One grading path:
// the CLI and CI call this; npm test runs the same specs on the reference solutions.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createVitest } from 'vitest/node';
import { selectAssignments } from '../catalog.ts';
import { datasetStatus } from '../data/index.ts';
import { GradingReporter } from './reporter.ts';
import type { Results } from './results.ts';
import { projectRoot } from './solution-loader.ts';
import type { Tier } from './types.ts';
import { detectLayers, type IsolationMode } from '../isolation/sandbox.ts';

export interface GradeOptions {
  solutions?: string;
  only?: string[];
  tier?: Tier;
  out?: string;
  seed?: number;
  /** 'process' (default): each solution in a sandboxed child; 'strict': refuse when a layer is missing; 'none': in-process. */
  isolation?: IsolationMode;
  /** Folders submissions may import from besides their own (instructor-provided code). */
  allowImports?: string[];
  log?: (line: string) => void;
}

/** A grading run that cannot start; the message says what to change. */
export class GradeSetupError extends Error {}

export async function grade(opts: GradeOptions = {}): Promise<Results> {
  const assignments = selectAssignments(opts.only);
  const solutions = path.resolve(opts.solutions ?? path.join(projectRoot, 'solutions'));
  if (!existsSync(solutions)) throw new Error(`solutions folder ${solutions} does not exist`);
  const out = path.resolve(opts.out ?? 'out');
  const tier = opts.tier ?? ((process.env.GRADEBENCH_TIER as Tier | undefined) ?? 'standard');
  const seed = opts.seed ?? 0;
  const isolation = opts.isolation ?? ((process.env.GRADEBENCH_ISOLATION as IsolationMode | undefined) ?? 'process');
  const layers = detectLayers(isolation);
  const log = opts.log ?? ((l: string) => process.stderr.write(l + '\n'));
  if (isolation === 'strict' && layers.missing.length) {
    throw new GradeSetupError(`--isolation strict: this machine cannot give ${layers.missing.length === 1 ? 'a layer' : 'these layers'}:\n  - ${layers.missing.join('\n  - ')}\nGrade with --isolation process to go on without ${layers.missing.length === 1 ? 'it' : 'them'} (recorded in results.json).`);
  }
  if (isolation === 'none') log('gradebench: --isolation none: solutions run inside the grading process and can read the test data and patch the grader. Use it only for your own code.');
  const allowImports = (opts.allowImports ?? []).map((d) => path.resolve(d));
  for (const d of allowImports.filter((d) => !existsSync(d))) throw new GradeSetupError(`--allow-import ${d}: no such folder`);
  for (const a of assignments) {
    rmSync(path.join(out, 'records', `${a.id}.json`), { force: true });
    rmSync(path.join(out, 'figures', a.id), { recursive: true, force: true });
  }
  Object.assign(process.env, {
    GRADEBENCH_SOLUTIONS: solutions, GRADEBENCH_TIER: tier, GRADEBENCH_SEED: String(seed),
    GRADEBENCH_OUT: out, GRADEBENCH_PROGRESS: '1', GRADEBENCH_ISOLATION: isolation,
    ...(allowImports.length ? { GRADEBENCH_ALLOW_IMPORTS: allowImports.join(path.delimiter) } : {}),
  });
  const runMeta = {
    tool: 'gradebench', tool_commit: gitCommit(), node_version: process.version, tier, seed,
    solutions, student: path.basename(solutions), assignments: assignments.map((a) => a.id),
    started_at: new Date().toISOString(), machine: machineLine(), isolation: layers,
  };
  const reporter = new GradingReporter({ outDir: out, runMeta, log });
  const files = assignments.map((a) => path.join(projectRoot, 'specs', `${a.id}.spec.ts`));
  for (const f of files.filter((f) => !existsSync(f))) {
    const id = path.basename(f, '.spec.ts');
    reporter.writer.add({ name: `${id}/spec-loads`, number: '0.0', score: 0, max_score: 0, status: 'failed',
      output: `no spec file ${f}`, visibility: 'visible', tags: [id], extra_data: {} });
  }
  const started = Date.now();
  const vitest = await createVitest('test', {
    root: projectRoot, config: path.join(projectRoot, 'vitest.config.ts'), project: ['specs'],
    watch: false, reporters: [reporter], passWithNoTests: true,
  });
  // Ctrl-C or a kill: what did not run scores zero with the reason, results.json is written, and
  // the process exits; its workers follow (they watch their parent) and each sandboxed child dies
  // with its worker (parent-death signal).
  const stop = (signal: NodeJS.Signals) => {
    log(`gradebench: ${signal}: stopping; requirements not graded yet score zero`);
    reporter.interrupt();
    reporter.completeFromCatalog(assignments.map((a) => a.id), 'the grading run was interrupted before it ran');
    reporter.writer.setMeta('interrupted_by', signal);
    process.exit(130);
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
  try {
    await vitest.start(files.filter(existsSync));
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    await vitest.close();
  }
  reporter.completeFromCatalog(assignments.map((a) => a.id), 'its spec never ran to the end (the process grading it stopped)');
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
