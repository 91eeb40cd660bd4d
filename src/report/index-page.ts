// reports/README.md: the course index, one row per assignment that has a committed report, built
// from each report's reports/<id>.results.json so reports from different runs (tiers) sit together.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type Handlebars from 'handlebars';
import { markdownTable } from 'markdown-table';
import { catalog } from '../catalog.ts';
import type { GradedTest } from '../grading/results.ts';

interface Slice { run: Record<string, unknown>; tests: GradedTest[] }

export function renderIndex(reportsDir: string, _hb: typeof Handlebars): string {
  const rows: string[][] = [['assignment', 'course', 'score', 'tier', 'backend', 'seed\'s figure', 'date', 'commit']];
  for (const a of catalog) {
    const file = path.join(reportsDir, `${a.id}.results.json`);
    if (!existsSync(file)) {
      rows.push([a.id, a.seed.course, a.status === 'implemented' ? 'not yet reported' : 'planned', '', '', a.seedFigure, '', '']);
      continue;
    }
    const s = JSON.parse(readFileSync(file, 'utf8')) as Slice;
    const score = s.tests.reduce((x, t) => x + t.score, 0);
    const max = s.tests.reduce((x, t) => x + t.max_score, 0);
    rows.push([`[${a.id}](${a.id}.md)`, a.seed.course, `${round(score)} / ${round(max)}`, String(s.run.tier),
      String(s.run.backend ?? ''), a.seedFigure, String(s.run.started_at ?? '').slice(0, 10), `\`${s.run.tool_commit}\``]);
  }
  const extra = readdirSync(reportsDir).filter((f) => f.endsWith('.md') && f !== 'README.md' && !catalog.some((a) => `${a.id}.md` === f));
  return [
    '# gradebench course reports', '',
    'Every assignment of the catalog, with the run its committed report comes from. Each report states its',
    'tier, recipe, backend, machine and commit; regenerate one with `gradebench grade --only ID [--tier full]`',
    'followed by `gradebench report`.', '',
    markdownTable(rows), '',
    ...(extra.length ? ['Other reports: ' + extra.map((f) => `[${f.replace(/\.md$/, '')}](${f})`).join(', '), ''] : []),
  ].join('\n');
}

const round = (x: number) => Math.round(x * 100) / 100;
