// Gradescope's results.json, written atomically (temp file + rename) every time a test finishes, so
// a crash, a kill or a hung solution loses nothing already graded.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LeaderboardEntry, ThresholdEvidence, Visibility } from './types.ts';

export interface GradedTest {
  name: string; // <id>/<requirement>
  number: string; // "<assignment>.<requirement>", 1-based, catalog order
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: Visibility;
  tags: string[];
  extra_data: { thresholds?: ThresholdEvidence[]; duration_ms?: number; figures?: string[]; metric?: string; value?: number; threshold?: number };
}

export interface Results {
  score: number;
  max_score: number;
  execution_time: number; // seconds
  output: string;
  visibility: Visibility;
  stdout_visibility: Visibility;
  tests: GradedTest[];
  leaderboard: LeaderboardEntry[];
  extra_data: Record<string, unknown>;
}

export class ResultsWriter {
  private readonly results: Results;
  private readonly started = Date.now();

  constructor(readonly file: string, runMeta: Record<string, unknown>) {
    this.results = {
      score: 0, max_score: 0, execution_time: 0, output: 'grading in progress', visibility: 'visible',
      stdout_visibility: 'hidden', tests: [], leaderboard: [], extra_data: { ...runMeta, complete: false },
    };
    mkdirSync(path.dirname(file), { recursive: true });
    this.flush();
  }

  get current(): Readonly<Results> {
    return this.results;
  }

  add(test: GradedTest, leaderboard: LeaderboardEntry[] = []): void {
    const at = this.results.tests.findIndex((t) => t.name === test.name);
    if (at >= 0) this.results.tests[at] = test; else this.results.tests.push(test);
    this.results.tests.sort((x, y) => compareNumbers(x.number, y.number));
    for (const e of leaderboard) {
      const i = this.results.leaderboard.findIndex((l) => l.name === e.name);
      if (i >= 0) this.results.leaderboard[i] = e; else this.results.leaderboard.push(e);
    }
    this.flush();
  }

  setMeta(key: string, value: unknown): void {
    this.results.extra_data[key] = value;
  }

  finish(output: string): Results {
    this.results.output = output;
    this.results.extra_data.complete = true;
    this.flush();
    return this.results;
  }

  private flush(): void {
    const r = this.results;
    r.score = round(r.tests.reduce((s, t) => s + t.score, 0));
    r.max_score = round(r.tests.reduce((s, t) => s + t.max_score, 0));
    r.execution_time = Math.round((Date.now() - this.started) / 1000);
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(r, null, 2) + '\n');
    renameSync(tmp, this.file);
  }
}

function compareNumbers(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
