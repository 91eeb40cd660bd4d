// The `report` stage: from a results.json (and the records and figures beside it) render
// reports/<id>.md with templates/<id>.md.hbs, copy its figures to reports/<id>/, keep the slice of
// results it came from as reports/<id>.results.json, and rebuild the course index reports/README.md.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { markdownTable } from 'markdown-table';
import { findAssignment, type Assignment } from '../catalog.ts';
import type { GradedTest, Results } from '../grading/results.ts';
import { projectRoot } from '../grading/solution-loader.ts';
import { registerHelpers } from './helpers.ts';
import { renderIndex } from './index-page.ts';
import { portablePaths } from './portable-paths.ts';

export interface ReportOptions {
  results: string; // path to results.json
  reportsDir?: string; // default <project>/reports
  templatesDir?: string;
}

export interface AssignmentReport {
  id: string;
  assignment: Assignment;
  run: Record<string, unknown>;
  tests: GradedTest[];
  score: number;
  max_score: number;
  records: Record<string, Record<string, unknown>>;
  figures: string[];
}

export function report(opts: ReportOptions): string[] {
  const results = JSON.parse(readFileSync(opts.results, 'utf8')) as Results;
  const runDir = path.dirname(path.resolve(opts.results));
  const reportsDir = path.resolve(opts.reportsDir ?? path.join(projectRoot, 'reports'));
  const templatesDir = opts.templatesDir ?? path.join(projectRoot, 'templates');
  const hb = makeHandlebars(templatesDir);
  const ids = (results.extra_data.assignments as string[] | undefined) ?? [];
  const written: string[] = [];
  for (const id of ids) {
    const assignment = findAssignment(id);
    if (!assignment) continue;
    const tests = results.tests.filter((t) => t.name.startsWith(`${id}/`));
    if (tests.length === 0) continue;
    const recordsFile = path.join(runDir, 'records', `${id}.json`);
    const ctx: AssignmentReport = {
      id, assignment, run: results.extra_data, tests,
      score: sum(tests.map((t) => t.score)), max_score: sum(tests.map((t) => t.max_score)),
      records: existsSync(recordsFile) ? JSON.parse(readFileSync(recordsFile, 'utf8')) : {},
      figures: tests.flatMap((t) => t.extra_data.figures ?? []),
    };
    const figuresFrom = path.join(runDir, 'figures', id);
    rmSync(path.join(reportsDir, id), { recursive: true, force: true });
    if (existsSync(figuresFrom)) cpSync(figuresFrom, path.join(reportsDir, id), { recursive: true });
    const template = path.join(templatesDir, `${id}.md.hbs`);
    const source = existsSync(template) ? readFileSync(template, 'utf8') : '{{> header}}\n\n{{> requirements}}\n\n{{> provenance}}\n';
    const markdown = hb.compile(source, { noEscape: true })({ ...ctx, requirementsTable: requirementsTable(tests) });
    mkdirSync(reportsDir, { recursive: true });
    writeFileSync(path.join(reportsDir, `${id}.md`), markdown.trimEnd() + '\n');
    writeFileSync(path.join(reportsDir, `${id}.results.json`), JSON.stringify({ run: portablePaths(results.extra_data), tests, records: ctx.records }, null, 1) + '\n');
    written.push(path.join(reportsDir, `${id}.md`));
  }
  writeFileSync(path.join(reportsDir, 'README.md'), renderIndex(reportsDir, hb));
  return written;
}

function makeHandlebars(templatesDir: string): typeof Handlebars {
  const hb = Handlebars.create();
  registerHelpers(hb);
  const partials = path.join(templatesDir, 'partials');
  if (existsSync(partials)) {
    for (const f of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
      hb.registerPartial(f.replace(/\.hbs$/, ''), readFileSync(path.join(partials, f), 'utf8'));
    }
  }
  return hb;
}

function requirementsTable(tests: GradedTest[]): string {
  return markdownTable([
    ['requirement', 'points', 'result', 'evidence'],
    ...tests.map((t) => [
      t.name.split('/').slice(1).join('/'), `${t.score} / ${t.max_score}`, t.status === 'passed' ? '✅ passed' : '❌ failed',
      oneLine(t.output),
    ]),
  ]);
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

const sum = (v: number[]) => Math.round(v.reduce((a, b) => a + b, 0) * 1000) / 1000;
