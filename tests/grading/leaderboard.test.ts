import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { leaderboardMarkdown, loadStandings } from '../../src/report/leaderboard.ts';

function results(dir: string, student: string, score: number, acc: number): string {
  const file = path.join(dir, student, 'results.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ score, max_score: 100, tests: [], leaderboard: [{ name: 'acc', value: acc, order: 'desc' }], extra_data: { student } }));
  return file;
}

test('ranks by score, ties share a rank, metrics become columns', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lb-'));
  const files = [results(dir, 'carol', 70, 0.8), results(dir, 'alice', 90, 0.9), results(dir, 'bob', 90, 0.85)];
  const md = leaderboardMarkdown(loadStandings(files)).split('\n');
  expect(md[0]).toMatch(/rank.*solutions.*score.*acc/);
  expect(md[2]).toMatch(/\| 1 +\| alice +\| 90 \/ 100 \| 0.9000/);
  expect(md[3]).toMatch(/\| +\| bob/);
  expect(md[4]).toMatch(/\| 3 +\| carol/);
});

test('a file that is not a results.json is refused with its name', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lb-'));
  writeFileSync(path.join(dir, 'x.json'), '{"hello": 1}');
  expect(() => loadStandings([path.join(dir, 'x.json')])).toThrow(/x.json has no tests/);
});
