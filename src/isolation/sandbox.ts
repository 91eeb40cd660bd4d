// The layers around a solution's child process, and the command that starts it.
//
//   file system   Node's permission model: read only the build, the submission's folder and the
//                 packages tfjs needs (named one by one); write only a private temp folder; no child
//                 processes, no worker threads, no inspector, no native addons
//   network       a network namespace with no usable interface (`unshare --net`): nothing, not even
//                 127.0.0.1, is reachable
//   processes     a PID namespace (the child is pid 1 there, its parent 0) in its own process group,
//                 as user nobody when the grader is root; `setpriv --pdeathsig` ends it with the grader
//   memory        a cgroup memory limit (whole process: heap, ArrayBuffers, wasm) where the cgroup
//                 tree is writable, else a watch of its resident size; plus a V8 heap cap
//   time          the host kills the process group when a call overruns its budget
// What is available is detected once (DESIGN.md: "Isolation facts") and recorded in results.json.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withHugePages } from '../engine/malloc-tunables.ts';

export type IsolationMode = 'process' | 'none' | 'strict';

export interface Layers {
  mode: IsolationMode;
  permission_model: boolean; // file reads and writes limited, no child processes, workers or addons
  network_namespace: boolean;
  pid_namespace: boolean;
  own_process_group: boolean;
  user: string; // 'nobody (65534)' when dropped, else the grader's own
  memory_cap: string; // 'cgroup v1, 6144 MiB' | 'cgroup v2, ...' | 'resident-size watch, ...' | 'none'
  heap_cap_mb: number;
  parent_death_signal: boolean;
  missing: string[]; // what strict mode would refuse to grade without, with how to get it
}

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

export function isolationMode(): IsolationMode {
  const m = (process.env.GRADEBENCH_ISOLATION ?? 'process') as IsolationMode;
  if (!['process', 'none', 'strict'].includes(m)) throw new Error(`GRADEBENCH_ISOLATION='${m}' is not a mode; use process, none or strict`);
  return m;
}

export function memoryCapMb(): number {
  const v = Number(process.env.GRADEBENCH_MEMORY_MB ?? 6144);
  return Number.isFinite(v) && v >= 256 ? Math.round(v) : 6144;
}

let detected: Layers | undefined;

/** Which layers this machine gives, probed once per process (a few milliseconds). */
export function detectLayers(mode = isolationMode()): Layers {
  if (detected && detected.mode === mode) return detected;
  const unshare = probe('unshare', [...(isRoot ? [] : ['-r']), '--net', '--pid', '--fork', '--kill-child', 'true']);
  const setpriv = probe('setpriv', ['--pdeathsig', 'KILL', 'true']);
  const cgroup = cgroupRoot();
  const heap = Math.max(512, Math.round(memoryCapMb() * 0.75));
  const missing: string[] = [];
  if (!unshare) missing.push('network and PID namespaces: install util-linux `unshare` and allow user namespaces (sysctl kernel.unprivileged_userns_clone=1), or run as root');
  if (!cgroup) missing.push('memory cap: run as root with a writable cgroup memory controller (or inside a container with --memory)');
  detected = {
    mode, permission_model: mode !== 'none', network_namespace: mode !== 'none' && unshare, pid_namespace: mode !== 'none' && unshare,
    own_process_group: mode !== 'none' && process.platform !== 'win32',
    user: mode !== 'none' && isRoot && setpriv ? `nobody (${NOBODY})` : `${os.userInfo().username} (${process.getuid?.() ?? '?'})`,
    memory_cap: mode === 'none' ? 'none' : cgroup ? `${cgroup.version}, ${memoryCapMb()} MiB` : `resident-size watch, ${memoryCapMb()} MiB`,
    heap_cap_mb: mode === 'none' ? 0 : heap, parent_death_signal: mode !== 'none' && setpriv, missing,
  };
  return detected;
}

function probe(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

interface CgroupRoot { version: 'cgroup v1' | 'cgroup v2'; dir: string }

function cgroupRoot(): CgroupRoot | undefined {
  const candidates: CgroupRoot[] = [
    { version: 'cgroup v1', dir: '/sys/fs/cgroup/memory/gradebench' },
    { version: 'cgroup v2', dir: '/sys/fs/cgroup/gradebench' },
  ];
  for (const c of candidates) {
    const parent = path.dirname(c.dir);
    const control = c.version === 'cgroup v1' ? 'memory.limit_in_bytes' : 'cgroup.controllers';
    if (!existsSync(path.join(parent, control))) continue;
    if (c.version === 'cgroup v2' && !readFileSync(path.join(parent, 'cgroup.controllers'), 'utf8').includes('memory')) continue;
    try {
      mkdirSync(c.dir, { recursive: true });
      sweepStale(c.dir);
      if (c.version === 'cgroup v2') writeFileSync(path.join(parent, 'cgroup.subtree_control'), '+memory');
      return c;
    } catch {
      continue;
    }
  }
  return undefined;
}

export interface SandboxSpec {
  entry: string; // the child runtime's .mjs
  readable: string[]; // folders (end in '/') and files the child may read
  backend: string; // the grader's backend: a native one needs its addon
  label: string;
}

export interface Sandbox {
  process: ChildProcess;
  tmp: string;
  /** After exit: did the process reach its memory cap? */
  hitMemoryCap(): boolean;
  kill(): void;
  /** Removes the temp folder and the cgroup; call once the process has exited. */
  dispose(): void;
}

let counter = 0;

// Every sandbox this process started; killed by process group when it exits for any reason.
const running = new Set<ChildProcess>();
const cgroups = new Set<string>();
process.once('exit', () => {
  for (const child of running) {
    try { if (child.pid) process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  }
  for (const dir of cgroups) {
    try { rmdirSync(dir); } catch { /* the next grader's sweep removes it */ }
  }
});

export function startSandbox(spec: SandboxSpec, layers = detectLayers()): Sandbox {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gradebench-child-'));
  const dropUser = layers.user.startsWith('nobody');
  if (dropUser) chownSync(tmp, NOBODY, NOBODY);
  const cap = memoryCapMb();
  // The name carries our pid (so a later sweep knows whose it is) and random bytes (pids are reused).
  const cgroup = layers.memory_cap.startsWith('cgroup') ? makeCgroup(`${process.pid}-${++counter}-${randomBytes(4).toString('hex')}`, cap) : undefined;
  const node = [
    // No --enable-source-maps here: reading tfjs's 17 MB of maps cost 190-250 ms a start; the
    // child turns source maps on just before it imports the submission.
    process.execPath, '--experimental-permission', '--disable-warning=ExperimentalWarning',
    ...spec.readable.map((p) => `--allow-fs-read=${p}`), `--allow-fs-write=${tmp}/`,
    `--max-old-space-size=${layers.heap_cap_mb}`, ...(spec.backend === 'tensorflow' ? [] : ['--no-addons']), spec.entry,
  ];
  const argv = [
    ...(cgroup ? ['/bin/sh', '-c', 'echo $$ > "$0" && exec "$@"', cgroup.procs] : []),
    ...(layers.parent_death_signal ? ['setpriv', '--pdeathsig', 'KILL'] : []),
    ...(layers.network_namespace ? ['unshare', ...(isRoot ? [] : ['-r']), '--net', '--pid', '--fork', '--kill-child'] : []),
    // A small init (pid 1 of the namespace) above node: the kernel ignores signals an init sends
    // itself, so without it a solution's kill(0, SIGKILL) would silently fail; with it, the
    // solution's own process dies and the grader reports what happened. sh passes on 128 + signal.
    ...(layers.pid_namespace ? ['/bin/sh', '-c', '"$@"; exit $?', 'gradebench-init'] : []),
    // Changing credentials clears a parent-death signal, so it is set again after the drop.
    ...(dropUser ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...(layers.parent_death_signal ? ['--pdeathsig', 'KILL'] : [])] : []),
    ...node,
  ];
  const child = spawn(argv[0], argv.slice(1), {
    cwd: tmp, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    // Nothing of the grader's environment: no tokens, no paths to the data or the cache.
    env: { HOME: tmp, TMPDIR: tmp, LANG: 'C.UTF-8', GRADEBENCH_CHILD: spec.label, GLIBC_TUNABLES: withHugePages('') },
  });
  const watch = cgroup ? undefined : watchResident(child, cap);
  running.add(child);
  child.once('exit', () => running.delete(child));
  let disposed = false;
  return {
    process: child, tmp,
    hitMemoryCap: () => (cgroup ? cgroup.failed() : watch?.tripped === true),
    kill: () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL'); // the whole process group, by id
      } catch { /* already gone */ }
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      if (watch) clearInterval(watch.timer);
      rmSync(tmp, { recursive: true, force: true });
      cgroup?.remove();
    },
  };
}

function makeCgroup(name: string, capMb: number) {
  const root = cgroupRoot()!;
  const dir = path.join(root.dir, name);
  mkdirSync(dir);
  cgroups.add(dir);
  const bytes = String(capMb * 2 ** 20);
  if (root.version === 'cgroup v1') {
    writeFileSync(path.join(dir, 'memory.limit_in_bytes'), bytes);
    try { writeFileSync(path.join(dir, 'memory.memsw.limit_in_bytes'), bytes); } catch { /* no swap accounting */ }
  } else {
    writeFileSync(path.join(dir, 'memory.max'), bytes);
    try { writeFileSync(path.join(dir, 'memory.swap.max'), '0'); } catch { /* no swap control */ }
  }
  return {
    procs: path.join(dir, 'cgroup.procs'),
    failed: () => {
      try {
        if (root.version === 'cgroup v1') {
          const count = (f: string) => { try { return Number(readFileSync(path.join(dir, f), 'utf8')); } catch { return 0; } };
          const oom = /oom_kill [1-9]/.test(readFileSync(path.join(dir, 'memory.oom_control'), 'utf8'));
          return oom || count('memory.failcnt') > 0 || count('memory.memsw.failcnt') > 0;
        }
        return /oom_kill [1-9]/.test(readFileSync(path.join(dir, 'memory.events'), 'utf8'));
      } catch {
        return false;
      }
    },
    remove: () => removeCgroup(dir),
  };
}

/** Removes cgroups left by grading processes that are gone (a kill -9 skips their clean-up). */
function sweepStale(dir: string): void {
  for (const name of readdirSync(dir)) {
    const owner = Number(name.split('-')[0]);
    if (!Number.isInteger(owner) || owner <= 0 || owner === process.pid) continue;
    try {
      process.kill(owner, 0);
      continue; // its grader still runs
    } catch { /* gone */ }
    try { rmdirSync(path.join(dir, name)); } catch { /* still has processes */ }
  }
}

/** A cgroup can be removed only once its processes are gone, which lags the exit a little. */
function removeCgroup(dir: string, tries = 20): void {
  try {
    rmdirSync(dir);
    cgroups.delete(dir);
  } catch {
    if (tries > 0) setTimeout(() => removeCgroup(dir, tries - 1), 100).unref();
  }
}

/** Without a writable cgroup: sum the resident size of the child's process tree, kill past the cap. */
function watchResident(child: ChildProcess, capMb: number) {
  const state = { tripped: false, timer: undefined as NodeJS.Timeout | undefined };
  if (process.platform !== 'linux') return state;
  state.timer = setInterval(() => {
    if (!child.pid) return;
    const kb = treeOf(child.pid).reduce((sum, pid) => sum + residentKb(pid), 0);
    if (kb > capMb * 1024) {
      state.tripped = true;
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    }
  }, 200);
  state.timer.unref();
  return state;
}

function treeOf(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch { /* gone */ }
  return [pid, ...children.flatMap(treeOf)];
}

function residentKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}
