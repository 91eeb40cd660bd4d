import { report } from '../report/render.ts';
import { parse } from './args.ts';
import { existsSync } from 'node:fs';

const usage = `gradebench report [RESULTS] [--reports DIR]

Renders reports/<id>.md (with figures in reports/<id>/) for every assignment in RESULTS
(default out/results.json), and the course index reports/README.md.

  --reports DIR   where reports go (default: the project's reports/)
  -h, --help      this help`;

export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals, help } = parse(argv, { reports: { type: 'string' } }, usage, true);
  if (help) return void console.log(usage), 0;
  const results = positionals[0] ?? 'out/results.json';
  if (!existsSync(results)) {
    console.error(`gradebench report: ${results} does not exist; run \`gradebench grade\` first`);
    return 2;
  }
  const written = report({ results, reportsDir: values.reports as string | undefined });
  for (const f of written) console.log(`wrote ${f}`);
  return 0;
}
