// The class leaderboard: several results.json files (one per student's solutions folder) ranked by
// total score, with each leaderboard metric the specs reported as a column.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { markdownTable } from 'markdown-table';
import type { Results } from '../grading/results.ts';

export interface Standing {
  student: string;
  score: number;
  max: number;
  metrics: Record<string, number>;
  file: string;
}

export function loadStandings(files: string[]): Standing[] {
  return files.map((file) => {
    let r: Results;
    try {
      r = JSON.parse(readFileSync(file, 'utf8')) as Results;
    } catch (e) {
      throw new Error(`${file} is not a readable results.json: ${(e as Error).message}`);
    }
    if (!Array.isArray(r.tests)) throw new Error(`${file} has no tests[]; is it a gradebench results.json?`);
    const student = String(r.extra_data?.student ?? path.basename(path.dirname(path.resolve(file))));
    return { student, score: r.score, max: r.max_score, metrics: Object.fromEntries((r.leaderboard ?? []).map((l) => [l.name, l.value])), file };
  });
}

/** Ranked by score (ties share a rank), then by name. */
export function leaderboardMarkdown(standings: Standing[]): string {
  const sorted = [...standings].sort((a, b) => b.score - a.score || a.student.localeCompare(b.student));
  const metricNames = [...new Set(sorted.flatMap((s) => Object.keys(s.metrics)))];
  const rows = sorted.map((s, i) => {
    const rank = i > 0 && sorted[i - 1].score === s.score ? '' : String(i + 1);
    return [rank, s.student, `${s.score} / ${s.max}`, ...metricNames.map((m) => (m in s.metrics ? fmt(s.metrics[m]) : '–'))];
  });
  return markdownTable([['rank', 'solutions', 'score', ...metricNames], ...rows]);
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
}
