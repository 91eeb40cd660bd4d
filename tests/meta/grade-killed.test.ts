// Killing `gradebench grade` must not leave anything running: its vitest workers exit when their
// parent goes, and each sandboxed child dies with its worker (parent-death signal, --kill-child).
// The test kills only the process it started, by its pid, and checks every descendant it saw.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Results } from '../../src/grading/results.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** pid -> start time (field 22 of /proc/<pid>/stat), for the process and all its descendants. */
function tree(pid: number, into = new Map<number, string>()): Map<number, string> {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    into.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    for (const task of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) tree(Number(task), into);
  } catch { /* gone */ }
  return into;
}

const alive = (pid: number, started: string) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19] === started && rest[0] !== 'Z'; // same process (not a reused pid), not a zombie
  } catch {
    return false;
  }
};

/** Starts `grade` on a submission that spins forever and waits until its sandboxed child runs. */
async function startSpinning() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gradebench-spin-'));
  mkdirSync(path.join(dir, 'leiden-xor'));
  writeFileSync(path.join(dir, 'leiden-xor/index.js'),
    'export default { forward() { for (;;) {} }, lossAndGradient() { for (;;) {} }, train() { for (;;) {} } };');
  const out = path.join(dir, 'out');
  const grader = spawn(process.execPath, [path.join(root, 'bin/gradebench.js'), 'grade', '--solutions', dir, '--only', 'leiden-xor',
    '--tier', 'smoke', '--out', out], { cwd: root, env: { ...process.env, GRADEBENCH_BUDGET_SCALE: '50' }, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => grader.once('exit', (code) => resolve(code)));
  const seen = new Map<number, string>();
  const deadline = Date.now() + 120_000;
  let childSeen = false;
  while (!childSeen && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    for (const [pid, started] of tree(grader.pid!)) {
      seen.set(pid, started);
      try {
        // the child's own node process (not the wrappers whose command lines name it)
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        if (argv[0] === process.execPath && argv.some((a) => a.endsWith('child.mjs'))) childSeen = true;
      } catch { /* gone */ }
    }
  }
  expect(childSeen, 'the sandboxed child never started').toBe(true);
  return { grader, seen, out, exited };
}

async function survivors(seen: Map<number, string>): Promise<string[]> {
  const gone = Date.now() + 15_000;
  let left = [...seen].filter(([pid, s]) => alive(pid, s));
  while (left.length && Date.now() < gone) {
    await new Promise((r) => setTimeout(r, 250));
    left = left.filter(([pid, s]) => alive(pid, s));
  }
  return left.map(([pid]) => {
    try { return `${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 120)}`; } catch { return String(pid); }
  });
}

describe.runIf(process.platform === 'linux')('stopping a grading run', () => {
  test('SIGKILL: no process is left behind, the sandboxed child included', async () => {
    const { grader, seen } = await startSpinning();
    grader.kill('SIGKILL');
    expect(await survivors(seen)).toEqual([]);
  }, 180_000);

  test('SIGTERM (as Ctrl-C): exit 130, every requirement in results.json (zeros with the reason), nothing left behind', async () => {
    const { grader, seen, out, exited } = await startSpinning();
    grader.kill('SIGTERM');
    expect(await exited).toBe(130);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as Results;
    expect(results.max_score).toBe(100);
    expect(results.tests).toHaveLength(5);
    expect(results.tests.every((t) => t.score === 0 && t.output.includes('NOT_GRADED'))).toBe(true);
    expect(await survivors(seen)).toEqual([]);
  }, 180_000);
});
