// Negative controls: grade every folder under fixtures/broken/ with the real CLI (smoke tier, the
// default isolated host; the controls wrap the reference solutions, so solutions/ is an allowed import) and
// check that each requirement the breakage targets fails with a message naming the problem, that no
// requirement's result is lost, and that the broken folder loses points.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Results } from '../../src/grading/results.ts';
import { limit } from './limit.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const brokenDir = path.join(root, 'fixtures/broken');
type Expectation = Record<string, Record<string, string>>; // id -> requirement -> message fragment

// Expectations live in <variant>/expect.json ({id: {...}}) and/or <variant>/<id>/expect.json ({...}),
// so that assignments added by different people never edit the same file.
function expectationsOf(variant: string): Expectation {
  const dir = path.join(brokenDir, variant);
  const top = existsSync(path.join(dir, 'expect.json')) ? JSON.parse(readFileSync(path.join(dir, 'expect.json'), 'utf8')) as Expectation : {};
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, d.name, 'expect.json');
    if (d.isDirectory() && existsSync(file)) top[d.name] = { ...top[d.name], ...JSON.parse(readFileSync(file, 'utf8')) };
  }
  return top;
}
const variants = readdirSync(brokenDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => ({ name: d.name, expect: expectationsOf(d.name) }))
  .filter((v) => Object.keys(v.expect).length > 0);

async function gradeFolder(solutions: string, ids: string[], env: Record<string, string> = {}): Promise<Results> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'gradebench-meta-'));
  await run(process.execPath, [path.join(root, 'bin/gradebench.js'), 'grade', '--solutions', solutions,
    '--only', ids.join(','), '--tier', 'smoke', '--out', out, '--allow-import', path.join(root, 'solutions')],
    // One child per assignment (not per requirement): these controls test the specs, not the
    // sandbox (tests/meta/hostile-submissions.test.ts does), and it halves their child start-ups.
    { cwd: root, env: { ...process.env, GRADEBENCH_FRESH_CHILD: 'assignment', ...env }, maxBuffer: 64 << 20 });
  return JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as Results;
}

const allIds = [...new Set(variants.flatMap((v) => Object.keys(v.expect)))];
// The requirements each assignment declares, collected without running anything (vitest list).
let declared: string[] = [];

beforeAll(async () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gradebench-list-')), 'list.json');
  const specs = allIds.map((id) => path.join('specs', `${id}.spec.ts`));
  await run(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'list', '--project', 'specs', `--json=${file}`, ...specs],
    { cwd: root, env: { ...process.env, GRADEBENCH_TIER: 'smoke' }, maxBuffer: 64 << 20 });
  declared = (JSON.parse(readFileSync(file, 'utf8')) as Array<{ name: string }>).map((t) => t.name.replace(' > ', '/'));
});

// Smoke thresholds are what the broken variants are failed against, so the reference must clear them.
test('the reference solutions pass every requirement at the smoke tier', async () => {
  const reference = await graded.get('(reference)')!;
  expect(reference.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.output}`)).toEqual([]);
  expect(reference.tests.map((t) => t.name).sort()).toEqual([...declared].sort());
});

test('every assignment with a negative control declares requirements', () => {
  for (const id of allIds) expect(declared.some((n) => n.startsWith(`${id}/`)), id).toBe(true);
});

// Every variant is graded by its own CLI run (its own vitest, its own workers). Most of a run is
// start-up and waiting on children, so two run at once; all start when this file loads and each
// describe awaits its own. Two at once halved the wall time here (see the closing note of issue 10).
const CONCURRENT = Number(process.env.GRADEBENCH_META_CONCURRENCY ?? 2);
const graded = new Map<string, Promise<Results>>();
{
  const slot = limit(CONCURRENT);
  const reference = slot(() => gradeFolder(path.join(root, 'solutions'), allIds));
  reference.catch(() => undefined);
  graded.set('(reference)', reference);
  for (const { name, expect: expectation } of variants) {
    const env: Record<string, string> = name === 'timeout' ? { GRADEBENCH_BUDGET_SCALE: '0.01' } : {};
    const p = slot(() => gradeFolder(path.join(brokenDir, name), Object.keys(expectation), env));
    p.catch(() => undefined); // awaited (and reported) by the variant's own beforeAll
    graded.set(name, p);
  }
}

describe.each(variants)('fixtures/broken/$name', ({ name, expect: expectation }) => {
  let results: Results;
  beforeAll(async () => {
    results = await graded.get(name)!;
  });

  test('grading completes and loses no requirement', () => {
    expect(results.extra_data.complete).toBe(true);
    const ids = Object.keys(expectation);
    const want = declared.filter((n) => ids.includes(n.split('/')[0])).sort();
    expect(results.tests.map((t) => t.name).sort()).toEqual(want);
  });

  test('every targeted requirement fails, with a message naming the problem', () => {
    for (const [id, reqs] of Object.entries(expectation)) {
      for (const [req, fragment] of Object.entries(reqs)) {
        const t = results.tests.find((x) => x.name === `${id}/${req}`);
        expect(t, `${id}/${req} missing from results`).toBeDefined();
        expect(t!.status, `${id}/${req} should fail for ${name}`).toBe('failed');
        expect(t!.score).toBe(0);
        expect(t!.output.length).toBeGreaterThan(0);
        expect(t!.output).toContain(fragment);
      }
    }
  });

  test('scores below the maximum', () => {
    expect(results.score).toBeLessThan(results.max_score);
  });
});
