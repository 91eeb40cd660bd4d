import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ResultsWriter, type GradedTest } from '../../src/grading/results.ts';

const graded = (name: string, number: string, score: number, max: number): GradedTest => ({
  name, number, score, max_score: max, status: score === max ? 'passed' : 'failed', output: '', visibility: 'visible', tags: [], extra_data: {},
});

describe('ResultsWriter', () => {
  test('writes a valid, complete-so-far results.json after every test, with no temp files left', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'results-'));
    const file = path.join(dir, 'results.json');
    const w = new ResultsWriter(file, { tier: 'smoke' });
    expect(JSON.parse(readFileSync(file, 'utf8')).extra_data.complete).toBe(false);
    w.add(graded('b/x', '2.1', 0, 5));
    w.add(graded('a/x', '1.1', 3, 3), [{ name: 'acc', value: 0.9, order: 'desc' }]);
    const partial = JSON.parse(readFileSync(file, 'utf8'));
    expect(partial.score).toBe(3);
    expect(partial.max_score).toBe(8);
    expect(partial.tests.map((t: GradedTest) => t.name)).toEqual(['a/x', 'b/x']); // catalog order
    expect(partial.leaderboard).toEqual([{ name: 'acc', value: 0.9, order: 'desc' }]);
    const done = w.finish('done');
    expect(done.extra_data.complete).toBe(true);
    expect(readdirSync(dir)).toEqual(['results.json']);
  });

  test('a requirement reported twice keeps only its latest result', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'results-')), 'results.json');
    const w = new ResultsWriter(file, {});
    w.add(graded('a/x', '1.1', 0, 3));
    w.add(graded('a/x', '1.1', 3, 3));
    expect(w.current.tests).toHaveLength(1);
    expect(w.current.score).toBe(3);
  });
});
