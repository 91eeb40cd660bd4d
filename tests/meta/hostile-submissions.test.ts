// Hostile submissions: grade every folder under fixtures/hostile/ with the real CLI (smoke tier, the
// default isolated host) and check that the isolation held:
//   - the run ends by itself within BOUND_S seconds, exits normally, and results.json is complete;
//   - each requirement the attack targets scores zero, its message naming what was stopped
//     (expect.json: {id: {requirement: fragment | [fragments, all required]}});
//   - every other requirement scores exactly as the reference solutions do (graded once, here);
//   - nothing was written where the attack wrote (markers under os.tmpdir(), files in the out folder,
//     a forged results.json), and nobody connected to the test's TCP listener (127.0.0.1 only);
//   - the secret planted in the grading run (an env variable, a file name in its HOME, a file in its
//     cache) appears nowhere: not in results.json, the out folder, the markers, nor the run's output.
//
// Fixtures aim at the real folders and port through two files written here beside each of them just
// before it is graded, and removed afterwards (<variant>/<id>/paths.json and port.json, git-ignored;
// typed by fixtures/hostile/context.d.ts).
//
// Safety: the fixtures run only when the reference run's results.json shows a sandbox (a child
// process under the permission model): in-process they would kill, hang or flood the grading run.
// Each grading CLI runs in a process group of its own (detached), so a fixture that signals
// its group in an unprotected run reaches only that run, never vitest. The only processes this test
// ever kills are those groups, by their id: when a run overruns BOUND_S, when one leaves processes
// behind, or when the test is torn down. At most two grading runs at a time (2 shared cores).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Results } from '../../src/grading/results.ts';
import { limit } from './limit.ts';

const root = path.resolve(import.meta.dirname, '../..');
const hostileDir = path.join(root, 'fixtures/hostile');
const BOUND_S = 120; // per grading run: a hostile submission must not hold the grader longer
const CONCURRENCY = 2;

type Fragments = string | string[];
type Expectation = Record<string, Record<string, Fragments>>; // id -> requirement -> fragment(s)
interface Variant { name: string; expect: Expectation }

// GRADEBENCH_HOSTILE_ONLY=a,b grades only those variants (while working on the host or a fixture).
const only = process.env.GRADEBENCH_HOSTILE_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
const variants: Variant[] = readdirSync(hostileDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && (!only || only.includes(d.name)))
  .map((d) => ({ name: d.name, expect: JSON.parse(readFileSync(path.join(hostileDir, d.name, 'expect.json'), 'utf8')) as Expectation }));
const allIds = [...new Set(variants.flatMap((v) => Object.keys(v.expect)))].sort();

// What some variants need on top of the common environment, and why.
const extraEnv: Record<string, Record<string, string>> = {
  'infinite-loop': { GRADEBENCH_BUDGET_SCALE: '0.1' }, // 3 s per leiden-xor call instead of 30 s
  'tla-never': { GRADEBENCH_BUDGET_SCALE: '0.1' }, // 6 s to load instead of 60 s
  'heap-exhaustion': { GRADEBENCH_MEMORY_MB: '1024' }, // caps below the fixture's own 4 GiB bound
  'arraybuffer-exhaustion': { GRADEBENCH_MEMORY_MB: '1024' },
};

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  seconds: number;
  timedOut: boolean;
  leftovers: boolean; // processes of its group still alive after the CLI exited
  log: string; // stdout and stderr, interleaved
  results?: Results;
  resultsText: string;
  out: string;
  error?: string;
}
interface VariantRun extends Run {
  connections: string[];
  markers: Array<{ file: string; text: string }>;
}

// --- process groups this test started (and only those) ---------------------------------------

const groups = new Set<number>();

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch { /* already gone */ }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** After the CLI exits, does anything of its group live on (a straggler from an escaped solution)? */
async function lingers(pgid: number): Promise<boolean> {
  for (let i = 0; i < 50 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 100));
  return groupAlive(pgid);
}

// --- at most CONCURRENCY runs at once -----------------------------------------------------------

const slot = limit(CONCURRENCY);

// --- the environment of every grading run ---------------------------------------------------------

const secret = `gbh-secret-${randomBytes(16).toString('hex')}`;
let scratch = '';
let home = '';
let cache = '';
let env: NodeJS.ProcessEnv = {};

function setUp(): void {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'gradebench-hostile-'));
  home = path.join(scratch, 'home'); // HOME of the grading runs: the secret in a file name and in the cache
  cache = path.join(home, '.cache', 'gradebench'); // the grader's cache (GRADEBENCH_CACHE is unset)
  mkdirSync(cache, { recursive: true });
  writeFileSync(path.join(home, `secret-${secret}.txt`), `${secret}\n`);
  writeFileSync(path.join(cache, 'canary.txt'), `${secret}\n`);
  env = { ...process.env, HOME: home, GRADEBENCH_HOSTILE_SECRET: secret, GRADEBENCH_ALLOW_IMPORTS: path.join(root, 'solutions') };
  // Nothing of the developer's own settings that would change what is graded or how: the default
  // isolation (never `none` here), default budgets and memory cap, the default cache under HOME.
  for (const k of ['GRADEBENCH_ISOLATION', 'GRADEBENCH_CACHE', 'GRADEBENCH_BUDGET_SCALE', 'GRADEBENCH_MEMORY_MB',
    'GRADEBENCH_SOLUTIONS', 'GRADEBENCH_TIER', 'GRADEBENCH_OUT', 'GRADEBENCH_SEED']) delete env[k];
}

// --- grading -----------------------------------------------------------------------------------

async function gradeCli(solutions: string, ids: string[], out: string, runEnv: NodeJS.ProcessEnv): Promise<Run> {
  mkdirSync(out, { recursive: true });
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(root, 'bin/gradebench.js'), 'grade', '--solutions', solutions,
    '--only', ids.join(','), '--tier', 'smoke', '--out', out], { cwd: root, env: runEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > 4 << 20) log = log.slice(-(2 << 20));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const pgid = child.pid;
  if (pgid !== undefined) groups.add(pgid);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (pgid !== undefined) killGroup(pgid);
  }, BOUND_S * 1000);
  const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: string }>((resolve) => {
    child.once('error', (e) => resolve({ code: null, signal: null, error: `could not start the CLI: ${e.message}` }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  clearTimeout(timer);
  const seconds = (Date.now() - started) / 1000;
  let leftovers = false;
  if (pgid !== undefined) {
    leftovers = await lingers(pgid);
    if (leftovers) killGroup(pgid);
    groups.delete(pgid);
  }
  // Output still in the pipes arrives shortly after the exit (unless a straggler holds them).
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000))]);
  child.stdout.destroy();
  child.stderr.destroy();
  const file = path.join(out, 'results.json');
  const resultsText = existsSync(file) ? readFileSync(file, 'utf8') : '';
  let results: Results | undefined;
  try {
    results = resultsText ? (JSON.parse(resultsText) as Results) : undefined;
  } catch { /* reported by the tests */ }
  return { ...ended, seconds, timedOut, leftovers, log, results, resultsText, out };
}

const markerPrefix = (variant: string) => `gradebench-hostile-marker-${variant}`;

function takeMarkers(variant: string): Array<{ file: string; text: string }> {
  const found = readdirSync(os.tmpdir()).filter((f) => f.startsWith(markerPrefix(variant))).map((f) => path.join(os.tmpdir(), f));
  return found.map((file) => {
    const text = statSync(file).isFile() ? readFileSync(file, 'utf8').slice(0, 1 << 20) : '(a folder)';
    rmSync(file, { recursive: true, force: true }); // ours: a name only this test and its fixtures use
    return { file, text };
  });
}

async function gradeVariant(v: Variant): Promise<VariantRun> {
  const dir = path.join(hostileDir, v.name);
  const out = path.join(scratch, `out-${v.name}`);
  takeMarkers(v.name); // stale ones from an earlier, interrupted run
  const connections: string[] = [];
  const server = net.createServer((socket) => {
    connections.push(`${socket.remoteAddress}:${socket.remotePort}`);
    socket.destroy();
  });
  const written: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: 0 }, resolve);
    });
    const port = (server.address() as net.AddressInfo).port;
    const marker = path.join(os.tmpdir(), markerPrefix(v.name));
    for (const id of Object.keys(v.expect)) {
      const files = { 'paths.json': { variant: v.name, root, out, marker, cache, home }, 'port.json': { port } };
      for (const [name, content] of Object.entries(files)) {
        const file = path.join(dir, id, name);
        writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
        written.push(file);
      }
    }
    const run = await gradeCli(dir, Object.keys(v.expect), out, { ...env, ...extraEnv[v.name] });
    return { ...run, connections: [...connections], markers: takeMarkers(v.name) };
  } catch (e) {
    return { code: null, signal: null, seconds: 0, timedOut: false, leftovers: false, log: '', resultsText: '', out,
      error: String((e as Error)?.stack ?? e), connections, markers: takeMarkers(v.name) };
  } finally {
    for (const f of written) rmSync(f, { force: true });
    server.close();
  }
}

/** The requirements each assignment declares, collected without running anything (vitest list). */
async function listDeclared(): Promise<string[]> {
  const file = path.join(scratch, 'list.json');
  await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'list', '--project', 'specs',
    `--json=${file}`, ...allIds.map((id) => path.join('specs', `${id}.spec.ts`))],
  { cwd: root, env: { ...env, GRADEBENCH_TIER: 'smoke' }, maxBuffer: 64 << 20 });
  return (JSON.parse(readFileSync(file, 'utf8')) as Array<{ name: string }>).map((t) => t.name.replace(' > ', '/'));
}

/** Every file under dir (the out folder: results, records, figures), for the secret scan. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

const tail = (run: Run, n = 40) => `${run.error ?? ''}\n--- last lines of the grading run ---\n${run.log.trim().split('\n').slice(-n).join('\n')}`;
const fragmentsOf = (f: Fragments) => (Array.isArray(f) ? f : [f]);

/** Why these fixtures must not run under the grader that graded the reference, if they must not. */
function notSandboxed(r: Results | undefined): string | undefined {
  const layers = r?.extra_data.isolation as { mode?: string; permission_model?: boolean } | undefined;
  if (!r) return 'the reference run wrote no results.json';
  if (!layers) return 'results.json records no isolation layers: this grader imports solutions into its own process';
  if (layers.mode === 'none' || layers.permission_model !== true) return `solutions are not sandboxed here: ${JSON.stringify(layers)}`;
  return undefined;
}

let declared: string[] = [];
let reference: Run;
let unsafe: string | undefined; // set when the grader does not sandbox solutions: no fixture runs then
const scheduled = new Map<string, Promise<VariantRun>>();

beforeAll(async () => {
  setUp();
  const listing = slot(listDeclared);
  reference = await slot(() => gradeCli(path.join(root, 'solutions'), allIds, path.join(scratch, 'out-reference'), env));
  // In-process, these fixtures kill, hang or flood the grading run: run them only behind a sandbox.
  unsafe = notSandboxed(reference.results);
  if (!unsafe) for (const v of variants) scheduled.set(v.name, slot(() => gradeVariant(v)));
  declared = await listing;
});

afterAll(async () => {
  for (const pgid of groups) killGroup(pgid); // runs still going when the test was torn down
  await Promise.allSettled(scheduled.values());
  for (const v of variants) {
    for (const id of Object.keys(v.expect)) {
      for (const name of ['paths.json', 'port.json']) rmSync(path.join(hostileDir, v.name, id, name), { force: true });
    }
    takeMarkers(v.name);
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('every variant is a solutions folder with an expect.json naming exactly its assignments, each a commented fixture', () => {
  for (const v of variants) {
    const folders = readdirSync(path.join(hostileDir, v.name), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(Object.keys(v.expect).sort(), v.name).toEqual(folders);
    for (const id of folders) {
      const source = readFileSync(path.join(hostileDir, v.name, id, 'index.ts'), 'utf8');
      expect(source.startsWith('// Hostile:'), `${v.name}/${id}/index.ts starts with its header`).toBe(true);
      expect(source, `${v.name}/${id}/index.ts says what must happen`).toContain('Must happen:');
    }
  }
});

test('the grader runs solutions in a sandbox (otherwise no hostile fixture is graded)', () => {
  expect(unsafe, tail(reference)).toBeUndefined();
});

test('the reference solutions pass every requirement at the smoke tier, in the same environment', () => {
  expect(reference.timedOut, tail(reference)).toBe(false);
  expect(reference.results, tail(reference)).toBeDefined();
  expect(reference.results!.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.output}`)).toEqual([]);
  expect(reference.results!.tests.map((t) => t.name).sort()).toEqual([...declared].sort());
});

describe.each(variants)('fixtures/hostile/$name', (v) => {
  let run: VariantRun;
  const ids = Object.keys(v.expect);
  const targeted = new Set(Object.entries(v.expect).flatMap(([id, reqs]) => Object.keys(reqs).map((r) => `${id}/${r}`)));

  beforeAll(async () => {
    if (unsafe) return;
    run = await scheduled.get(v.name)!;
    console.log(`fixtures/hostile/${v.name}: graded in ${run.seconds.toFixed(0)} s`);
  });

  test(`grading ends by itself within ${BOUND_S} s, exits normally and loses no requirement`, (ctx) => {
    if (unsafe) return ctx.skip();
    expect(run.error, tail(run)).toBeUndefined();
    expect(run.timedOut, `still running after ${BOUND_S} s${tail(run)}`).toBe(false);
    expect({ code: run.code, signal: run.signal }, tail(run)).toEqual({ code: 0, signal: null });
    expect(run.leftovers, `processes of the grading run outlived it${tail(run)}`).toBe(false);
    expect(run.results, `no results.json${tail(run)}`).toBeDefined();
    expect(run.results!.extra_data.complete, tail(run)).toBe(true);
    const want = declared.filter((n) => ids.includes(n.split('/')[0])).sort();
    expect(run.results!.tests.map((t) => t.name).sort()).toEqual(want);
  });

  test('every targeted requirement scores zero, with a message naming what was stopped', (ctx) => {
    if (unsafe) return ctx.skip();
    expect(run.results, tail(run)).toBeDefined();
    for (const name of targeted) {
      const [id, req] = name.split('/');
      const t = run.results!.tests.find((x) => x.name === name);
      expect(t, `${name} missing from results`).toBeDefined();
      expect({ name, status: t!.status, score: t!.score }, t!.output).toEqual({ name, status: 'failed', score: 0 });
      for (const fragment of fragmentsOf(v.expect[id][req])) expect(t!.output, name).toContain(fragment);
    }
  });

  test('every other requirement scores exactly as the reference', (ctx) => {
    if (unsafe) return ctx.skip();
    expect(run.results, tail(run)).toBeDefined();
    const others = run.results!.tests.filter((t) => !targeted.has(t.name));
    for (const t of others) {
      const ref = reference.results?.tests.find((x) => x.name === t.name);
      expect(ref, `${t.name} missing from the reference run`).toBeDefined();
      expect({ name: t.name, status: t.status, score: t.score }, t.output).toEqual({ name: t.name, status: ref!.status, score: ref!.score });
    }
  });

  test('nothing was written where it tried to write, and nothing reached the test\'s listener', (ctx) => {
    if (unsafe) return ctx.skip();
    expect(run.markers.map((m) => m.file), 'marker files in the temp folder').toEqual([]);
    expect(filesUnder(run.out).filter((f) => path.basename(f).startsWith('hostile-')), 'marker files in the out folder').toEqual([]);
    expect(run.resultsText, 'results.json written by the grader, not forged').not.toContain('forged_by');
    expect(run.connections, 'connections to 127.0.0.1').toEqual([]);
  });

  test('the planted secret appears nowhere the solution could write', (ctx) => {
    if (unsafe) return ctx.skip();
    const leaks = [
      ...(run.log.includes(secret) ? ['the grading run\'s output'] : []),
      ...filesUnder(run.out).filter((f) => statSync(f).size < 64 << 20 && readFileSync(f, 'latin1').includes(secret)),
      ...run.markers.filter((m) => m.text.includes(secret) || m.file.includes(secret)).map((m) => m.file),
    ];
    expect([...new Set(leaks)]).toEqual([]);
  });
});
