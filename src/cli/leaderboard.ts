import { writeFileSync } from 'node:fs';
import { leaderboardMarkdown, loadStandings } from '../report/leaderboard.ts';
import { parse, UsageError } from './args.ts';

const usage = `gradebench leaderboard RESULTS.json [RESULTS.json ...] [--out FILE]

Ranks solutions folders by total score; each leaderboard metric the specs report is a column.
A student is named by the graded solutions folder's name.

  --out FILE   also write the table to FILE
  -h, --help   this help`;

export async function leaderboardCommand(argv: string[]): Promise<number> {
  const { values, positionals, help } = parse(argv, { out: { type: 'string' } }, usage, true);
  if (help) return void console.log(usage), 0;
  if (positionals.length === 0) throw new UsageError(`give at least one results.json\n\n${usage}`);
  const table = leaderboardMarkdown(loadStandings(positionals));
  console.log(table);
  if (values.out) writeFileSync(values.out as string, table + '\n');
  return 0;
}
