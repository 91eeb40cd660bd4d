// Rendering a report from a run folder: template + records + figures -> reports/<id>.md, figures
// copied beside it, provenance kept, and the course index updated.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { report } from '../../src/report/render.ts';

function runFolder(): string {
  const run = mkdtempSync(path.join(os.tmpdir(), 'run-'));
  const tests = ['learning-rate-sweep', 'learns-xor'].map((req, i) => ({
    name: `leiden-xor/${req}`, number: `3.${i + 1}`, score: i === 0 ? 15 : 0, max_score: i === 0 ? 15 : 25,
    status: i === 0 ? 'passed' : 'failed', output: i === 0 ? 'ok' : 'fraction = 0.1, needs to be at least 0.8 | pipes',
    visibility: 'visible', tags: [], extra_data: { figures: i === 0 ? ['leiden-xor/loss-by-learning-rate.svg'] : [] },
  }));
  writeFileSync(path.join(run, 'results.json'), JSON.stringify({
    score: 15, max_score: 40, tests, leaderboard: [],
    extra_data: { assignments: ['leiden-xor'], tier: 'standard', seed: 0, backend: 'wasm', tool_commit: 'abc', started_at: '2026-01-02T00:00:00Z', wall_time_s: 3 },
  }));
  mkdirSync(path.join(run, 'records'));
  writeFileSync(path.join(run, 'records/leiden-xor.json'), JSON.stringify({
    'learning-rate-sweep': { lrFinalLoss: { 0.1: 0.25, 0.2: 0.2, 0.4: 0.1, 0.8: 0.01 }, bestLearningRate: 0.8 },
  }));
  mkdirSync(path.join(run, 'figures/leiden-xor'), { recursive: true });
  writeFileSync(path.join(run, 'figures/leiden-xor/loss-by-learning-rate.svg'), '<svg/>');
  return run;
}

test('renders the template with the run\'s numbers, figures and requirement table', () => {
  const run = runFolder();
  const reports = mkdtempSync(path.join(os.tmpdir(), 'reports-'));
  const [file] = report({ results: path.join(run, 'results.json'), reportsDir: reports });
  const md = readFileSync(file, 'utf8');
  expect(md).toContain('Score of this run: **15 / 40** (standard tier)');
  expect(md).toMatch(/\| 0\.8 +\| 0\.0100 +\|/);
  expect(md).toContain('![Loss during training for different learning rates](leiden-xor/loss-by-learning-rate.svg)');
  expect(md).toContain('*(figure loss-by-initialisation.svg was not produced by this run)*');
  expect(md).toContain('needs to be at least 0.8 \\| pipes'); // table cells escape pipes
  expect(existsSync(path.join(reports, 'leiden-xor/loss-by-learning-rate.svg'))).toBe(true);
  expect(JSON.parse(readFileSync(path.join(reports, 'leiden-xor.results.json'), 'utf8')).run.tool_commit).toBe('abc');
  const index = readFileSync(path.join(reports, 'README.md'), 'utf8');
  expect(index).toMatch(/\[leiden-xor\]\(leiden-xor\.md\).*15 \/ 40.*standard.*wasm/);
  expect(index).toMatch(/\| leiden-perceptron +\|.*not yet reported/);
});
