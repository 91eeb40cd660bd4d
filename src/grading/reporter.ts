// A vitest reporter that turns spec results into a Gradescope results.json as tests finish, keeps
// each assignment's report records, and shows progress (assignment, requirement, epoch, metric).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { UserConsoleLog } from 'vitest';
import type { Reporter, TestCase, TestModule, TestRunEndReason } from 'vitest/node';
import { catalog, findAssignment } from '../catalog.ts';
import { ResultsWriter, type GradedTest } from './results.ts';

export interface GradingReporterOptions {
  outDir: string;
  runMeta: Record<string, unknown>;
  log?: (line: string) => void;
}

export class GradingReporter implements Reporter {
  readonly writer: ResultsWriter;
  private readonly log: (line: string) => void;
  private engineNoted = false;
  private isolationNoted = false;
  private readonly collected = new Set<TestModule>();

  constructor(private readonly opts: GradingReporterOptions) {
    this.writer = new ResultsWriter(path.join(opts.outDir, 'results.json'), opts.runMeta);
    this.log = opts.log ?? ((l) => process.stderr.write(l + '\n'));
  }

  onTestModuleStart(module: TestModule): void {
    this.log(`▶ ${assignmentOf(module)}`);
  }

  onUserConsoleLog(log: UserConsoleLog): void {
    const line = log.content.trim();
    if (line.startsWith('[progress]')) this.log(`  … ${line.slice(11)}`);
  }

  onTestCaseResult(test: TestCase): void {
    const result = test.result();
    if (result.state === 'skipped' || result.state === 'pending') return;
    const meta = test.meta().gradebench;
    const id = meta?.assignment ?? assignmentOf(test.module);
    const requirement = meta?.requirement ?? test.name;
    if (meta?.isolation && !this.isolationNoted) {
      this.isolationNoted = true;
      this.writer.setMeta('isolation', meta.isolation);
    }
    if (meta?.engine && !this.engineNoted) {
      this.engineNoted = true;
      this.writer.setMeta('backend', meta.engine.backend);
      this.writer.setMeta('backend_reason', meta.engine.reason);
      this.writer.setMeta('tfjs_version', meta.engine.tfjsVersion);
    }
    const passed = result.state === 'passed';
    const points = meta?.points ?? 0;
    const error = result.state === 'failed' ? cleanError(result.errors?.[0]?.message ?? 'failed') : '';
    const evidence = meta?.thresholds ?? [];
    const summary = evidence.map((t) => `${t.metric} = ${fmt(t.value)} (${t.direction} ${fmt(t.threshold)})`).join('; ');
    const last = evidence[evidence.length - 1];
    const graded: GradedTest = {
      name: `${id}/${requirement}`,
      number: `${catalogNumber(id)}.${positionIn(test) + 1}`,
      score: passed ? points : 0,
      max_score: points,
      status: passed ? 'passed' : 'failed',
      output: passed ? summary || 'passed' : [error, summary].filter(Boolean).join('\n'),
      visibility: meta?.visibility ?? 'visible',
      tags: [id, meta?.tier ?? ''].filter(Boolean),
      extra_data: {
        ...(last ? { metric: last.metric, value: last.value, threshold: last.threshold } : {}),
        thresholds: evidence, duration_ms: Math.round(test.diagnostic()?.duration ?? 0), figures: meta?.figures ?? [],
      },
    };
    this.writer.add(graded, passed ? meta?.leaderboard ?? [] : []);
    if (meta) this.saveRecord(id, requirement, meta.record, meta.figures);
    const mark = passed ? '✓' : '✗';
    this.log(`  ${mark} ${graded.name}  ${graded.score}/${graded.max_score}${graded.output && graded.output !== 'passed' ? `  ${graded.output.split('\n')[0]}` : ''}`);
  }

  onTestModuleEnd(module: TestModule): void {
    // A spec that failed to load collects no tests: its whole assignment scores zero, with the reason.
    const errors = module.errors();
    const hasTests = [...module.children.allTests()].length > 0;
    if (errors.length === 0 || hasTests) return;
    const id = assignmentOf(module);
    const points = findAssignment(id)?.points ?? 0;
    this.writer.add({
      name: `${id}/spec-loads`, number: `${catalogNumber(id)}.0`, score: 0, max_score: points, status: 'failed',
      output: `the spec for ${id} could not run: ${cleanError(errors[0].message ?? '')}`, visibility: 'visible', tags: [id], extra_data: {},
    });
    this.log(`  ✗ ${id}: spec could not run: ${cleanError(errors[0].message ?? '')}`);
  }

  /**
   * Otter's rule: a requirement that never ran is a zero with the reason, never missing. A worker
   * that died, a run interrupted, a test skipped: each collected requirement without a result is
   * written as 0 of its points (known from the plan attached when the spec was collected).
   */
  onTestModuleCollected(module: TestModule): void {
    this.collected.add(module);
  }

  /** Ctrl-C or a kill: every requirement without a result becomes a zero, now, before exiting. */
  interrupt(): void {
    this.onTestRunEnd([...this.collected], [], 'interrupted');
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, _errors: unknown, reason: TestRunEndReason): void {
    for (const module of modules) {
      const workerError = module.errors()[0]?.message;
      for (const test of module.children.allTests()) {
        const plan = test.meta().gradebenchPlan;
        const id = plan?.assignment ?? assignmentOf(module);
        const name = `${id}/${plan?.requirement ?? test.name}`;
        if (this.writer.current.tests.some((t) => t.name === name)) continue;
        const why = reason === 'interrupted' ? 'the grading run was interrupted before it ran'
          : workerError ? `it never ran: ${cleanError(workerError)}` : 'it never ran (the process grading it stopped)';
        this.writer.add({
          name, number: `${catalogNumber(id)}.${positionIn(test) + 1}`, score: 0, max_score: plan?.points ?? 0, status: 'failed',
          output: `[NOT_GRADED] ${why}`, visibility: plan?.visibility ?? 'visible', tags: [id], extra_data: {},
        });
        this.log(`  ✗ ${name}  0/${plan?.points ?? 0}  not graded: ${why}`);
      }
    }
  }

  /** An assignment whose requirements fall short of its catalog points (a spec never collected) gets the rest as one zero. */
  completeFromCatalog(ids: string[], why: string): void {
    for (const id of ids) {
      const points = findAssignment(id)?.points ?? 0;
      const have = this.writer.current.tests.filter((t) => t.tags[0] === id).reduce((s, t) => s + t.max_score, 0);
      if (have >= points) continue;
      this.writer.add({
        name: `${id}/not-graded`, number: `${catalogNumber(id)}.99`, score: 0, max_score: Math.round((points - have) * 1000) / 1000,
        status: 'failed', output: `[NOT_GRADED] ${why}`, visibility: 'visible', tags: [id], extra_data: {},
      });
    }
  }

  private saveRecord(id: string, requirement: string, record: Record<string, unknown>, figures: string[]): void {
    const file = path.join(this.opts.outDir, 'records', `${id}.json`);
    mkdirSync(path.dirname(file), { recursive: true });
    const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    all[requirement] = { ...record, figures };
    writeFileSync(file, JSON.stringify(all) + '\n');
  }
}

function assignmentOf(module: TestModule): string {
  return path.basename(module.moduleId).replace(/\.spec\.[cm]?[tj]s$/, '');
}

function catalogNumber(id: string): number {
  const i = catalog.findIndex((a) => a.id === id);
  return i >= 0 ? i + 1 : catalog.length + 1;
}

function positionIn(test: TestCase): number {
  return [...test.module.children.allTests()].findIndex((t) => t.id === test.id);
}

// ANSI colour codes from assertion libraries do not belong in a JSON report.
function cleanError(message: string): string {
  return message.replace(/\u001b\[[0-9;]*m/g, '').trim();
}

function fmt(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 0.01 ? v.toFixed(4) : v.toExponential(2);
}
