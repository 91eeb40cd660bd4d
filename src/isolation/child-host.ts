// A SolutionHost that runs the solution in a sandboxed child process (sandbox.ts) and talks to it
// in frames (wire.ts). Specs see the same Guarded<C> functions as with the in-process host.
//
// One child at a time per assignment, started on first use. A call that overruns its budget kills
// the child's process group (synchronous loops included) and scores SOLUTION_TIMEOUT; an exit, a
// signal, an uncaught error or the memory cap during a call is SOLUTION_CRASHED with what happened.
// Either way the next call starts a fresh child, so one bad requirement never takes the rest down.
// A crash between calls (a timer that throws after returning) is charged to the requirement it
// happened in, when that requirement settles.
import os from 'node:os';
import { SolutionError } from '../grading/errors.ts';
import type { CallContext, SolutionHost } from '../grading/solution-loader.ts';
import { childRuntime, compileSubmission, CompileError, packageClosure, type SubmissionBuild } from './compile.ts';
import { detectLayers, startSandbox, type Layers, type Sandbox } from './sandbox.ts';
import { FrameReader, send, type Message } from './wire.ts';

export interface ChildHostOptions {
  id: string;
  entry: string; // <root>/<id>/index.ts
  root: string; // the submission root (what its imports may reach)
  trusted: string[]; // roots the instructor allows imports from
  packages: readonly string[]; // npm packages the assignment lets solutions import
  backend: string; // the grader's backend, used by the child too
  loadBudgetMs: number;
}

type Pending = { resolve: (m: Message) => void; reject: (e: SolutionError) => void };

interface Live {
  sandbox: Sandbox;
  pending?: Pending;
  epoch?: number; // the requirement the child was last seeded for
  crash?: string; // what a crash frame said
  stderr: string[]; // the last lines the child wrote to stderr
  killedByUs: boolean;
}

const MAX_LOG_BYTES = 1 << 20;

/**
 * GRADEBENCH_FRESH_CHILD=requirement (default): a new child for every requirement, so no state
 * carries from one to the next; =assignment: one child per assignment while it behaves (a crash or
 * a timeout still replaces it), about 0.65 s of CPU less per requirement.
 */
function freshChildPerRequirement(): boolean {
  return (process.env.GRADEBENCH_FRESH_CHILD ?? 'requirement') !== 'assignment';
} // what a child may print through the grader, in all

export class ChildHost implements SolutionHost {
  private live?: Live;
  private starting?: Promise<Live>;
  private build?: SubmissionBuild;
  private fns: string[] = [];
  private strayCrash?: { epoch: number; what: string };
  private printed = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readable: string[] = [];
  private buildRoot = '';
  private closed = false;
  readonly layers: Layers = detectLayers();

  constructor(private readonly opts: ChildHostOptions) {}

  /** Compiles and loads once, so a broken submission fails before any requirement counts on it. */
  async open(): Promise<string[]> {
    await this.child(undefined);
    return this.fns;
  }

  functions(): string[] {
    return this.fns;
  }

  /** The layers and the read list, with the private build folder written as <build>. */
  describe(): Record<string, unknown> {
    const readable = this.readable.map((p) => p.startsWith(this.buildRoot) ? `<build>${p.slice(this.buildRoot.length)}` : p);
    return { ...this.layers, readable, writable: ['<private temp folder, removed after>'] };
  }

  /** Calls run one at a time (the child answers in order); each budget counts only its own run. */
  call(fn: string, args: unknown[], budgetMs: number, ctx: CallContext = {}): Promise<unknown> {
    const run = this.queue.then(() => this.callNow(fn, args, budgetMs, ctx));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async callNow(fn: string, args: unknown[], budgetMs: number, ctx: CallContext): Promise<unknown> {
    const where = `${this.opts.id}.${fn}`;
    this.throwStrayCrash(ctx.epoch, where);
    const live = await this.child(ctx.epoch);
    const seed = live.epoch !== ctx.epoch ? ctx.seed : undefined;
    live.epoch = ctx.epoch;
    const reply = await this.exchange(live, { kind: 'call', body: { fn, args, seed } }, budgetMs, where,
      `did not finish within its budget of ${seconds(budgetMs)} s (set GRADEBENCH_BUDGET_SCALE to allow more)`);
    const body = reply.body as Record<string, unknown>;
    if (reply.kind === 'result') return body.value;
    throw errorFrom(body, where);
  }

  /** End of a requirement: a crash since its calls returned is charged to it; a hung child is ended. */
  /**
   * End of a requirement: a crash since its calls returned is charged to it; a hung child is ended.
   * Then the child is replaced by a fresh one (started now, while the grader moves on), so nothing a
   * solution kept from one requirement's arguments reaches the next, and each requirement starts
   * from the same state whatever ran before it.
   */
  async settle(epoch: number, budgetMs: number): Promise<void> {
    const live = this.live;
    if (!live || live.pending || live.epoch !== epoch) return this.throwStrayCrash(epoch, this.opts.id);
    try {
      await this.exchange(live, { kind: 'ping' }, budgetMs, this.opts.id,
        `was still busy ${seconds(budgetMs)} s after its last call returned (a timer or promise left running?)`).catch((e: SolutionError) => {
        if (this.strayCrash) return; // reported just below
        throw e.code === 'SOLUTION_CRASHED' ? new SolutionError(e.code, `${e.detail}, after its call had returned`, e.where) : e;
      });
      this.throwStrayCrash(epoch, this.opts.id);
    } finally {
      if (freshChildPerRequirement()) {
        if (this.live === live) this.discard(live);
        if (!this.closed) this.child(undefined).catch(() => undefined); // a failure resurfaces at the next call
      }
    }
  }

  close(): void {
    this.closed = true;
    if (this.live) this.discard(this.live);
    void this.starting?.then((live) => this.discard(live), () => undefined);
  }

  /** Ends a child we no longer trust or need; the next call starts a fresh one. */
  private discard(live: Live): void {
    live.killedByUs = true;
    live.sandbox.kill();
    if (this.live === live) this.live = undefined;
  }

  private throwStrayCrash(epoch: number | undefined, where: string): void {
    const stray = this.strayCrash;
    if (stray && stray.epoch === epoch) {
      this.strayCrash = undefined;
      throw new SolutionError('SOLUTION_CRASHED', `${stray.what}, after its call had returned`, where);
    }
    if (stray) this.strayCrash = undefined; // a crash of an earlier requirement, already over
  }

  private async child(epoch: number | undefined): Promise<Live> {
    if (this.starting) return this.starting;
    if (this.live) return this.live;
    this.starting = this.start(epoch).finally(() => { this.starting = undefined; });
    return this.starting;
  }

  private async start(epoch: number | undefined): Promise<Live> {
    const { id } = this.opts;
    const rt = await childRuntime();
    if (!this.build) {
      try {
        this.build = await compileSubmission(this.opts.entry, this.opts.root, this.opts.trusted, this.opts.packages);
      } catch (e) {
        if (e instanceof CompileError) throw new SolutionError('SOLUTION_LOAD_FAILED', e.message, id);
        throw e;
      }
    }
    if (!this.readable.length) { // once per assignment: the closure walks package.json files
      this.buildRoot = rt.dir;
      const packageDirs = new Set([...rt.packages, ...packageClosure([...this.opts.packages])]);
      this.readable = [`${rt.dir}/runtime/`, `${this.build.dir}/`, ...[...packageDirs].sort().map((p) => `${p}/`)];
    }
    const sandbox = startSandbox({ entry: rt.child, backend: this.opts.backend, label: id, readable: this.readable }, this.layers);
    const live: Live = { sandbox, stderr: [], killedByUs: false, epoch: undefined };
    this.watch(live, epoch);
    this.live = live;
    const ready = await this.exchange(live, { kind: 'load', body: { bundle: this.build.bundle, backend: this.opts.backend } },
      this.opts.loadBudgetMs, id, `did not finish loading within ${seconds(this.opts.loadBudgetMs)} s (a top-level await that never resolves?)`)
      .catch((e: SolutionError) => {
        throw e.code === 'SOLUTION_CRASHED' ? new SolutionError('SOLUTION_LOAD_FAILED', e.detail, id) : e;
      });
    if (ready.kind !== 'ready') {
      this.close();
      throw errorFrom(ready.body as Record<string, unknown>, id);
    }
    this.fns = (ready.body as { functions: string[] }).functions;
    return live;
  }

  /** Wires the child's streams; its exit fails the pending call or is kept as a stray crash. */
  private watch(live: Live, epoch: number | undefined): void {
    const child = live.sandbox.process;
    const channel = child.stdio[3] as import('node:net').Socket;
    const reader = new FrameReader((m) => {
      if (m.kind === 'crash') { live.crash = String((m.body as { what?: unknown })?.what ?? 'crashed'); return; }
      const p = live.pending;
      live.pending = undefined;
      p?.resolve(m);
    }, (e) => { live.crash = `sent a corrupt frame (${e.message})`; live.sandbox.kill(); });
    channel.on('data', (chunk: Buffer) => reader.push(chunk));
    channel.on('error', () => { /* the exit says what happened */ });
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.on('data', (chunk: Buffer) => this.relay(live, chunk, stream === child.stderr));
    }
    child.once('exit', (code, signal) => {
      const what = this.describeExit(live, code, signal);
      live.sandbox.dispose();
      if (this.live === live) this.live = undefined;
      const p = live.pending;
      live.pending = undefined;
      if (p) p.reject(new SolutionError('SOLUTION_CRASHED', what, ''));
      else if (!live.killedByUs) this.strayCrash = { epoch: live.epoch ?? epoch ?? -1, what };
    });
  }

  private describeExit(live: Live, code: number | null, signal: NodeJS.Signals | null): string {
    if (live.crash) return live.crash;
    const log = live.stderr.join('');
    // unshare passes a child's death by signal on by raising it on itself, which fails for SIGKILL.
    if (!signal && /unshare: sigprocmask unblock failed/.test(log)) signal = 'SIGKILL';
    // The namespace's init (sh) exits with 128 + the signal that ended node.
    if (!signal && code !== null && code > 128 && code < 128 + 65) {
      signal = (Object.entries(os.constants.signals).find(([, n]) => n === code - 128)?.[0] ?? null) as NodeJS.Signals | null;
    }
    if (/heap out of memory|Reached heap limit/.test(log)) return `ran out of memory: the JS heap cap of ${this.layers.heap_cap_mb} MiB`;
    if (live.sandbox.hitMemoryCap()) return `was killed by signal ${signal ?? 'SIGKILL'} on reaching the memory cap (${this.layers.memory_cap})`;
    if (signal) return `was killed by signal ${signal}`;
    return `exited with code ${code} (process.exit or a fatal error)${log ? `: ${lastLine(log)}` : ''}`;
  }

  private relay(live: Live, chunk: Buffer, isErr: boolean): void {
    if (isErr) {
      live.stderr.push(chunk.toString());
      if (live.stderr.length > 20) live.stderr.shift();
    }
    if (this.printed >= MAX_LOG_BYTES) return;
    this.printed += chunk.length;
    const text = chunk.toString().replace(/^(?=.)/gm, `[${this.opts.id}] `);
    process.stderr.write(this.printed >= MAX_LOG_BYTES ? `${text}\n[${this.opts.id}] (further output dropped)\n` : text);
  }

  /** Sends one message and waits for its reply, the child's exit, or the budget. */
  private exchange(live: Live, m: Message, budgetMs: number, where: string, overrun: string): Promise<Message> {
    return new Promise<Message>((resolve, reject) => {
      const timer = setTimeout(() => {
        live.pending = undefined;
        this.discard(live);
        reject(new SolutionError('SOLUTION_TIMEOUT', overrun, where));
      }, budgetMs);
      live.pending = {
        resolve: (reply) => { clearTimeout(timer); resolve(reply); },
        reject: (e) => { clearTimeout(timer); reject(new SolutionError(e.code, e.detail, where)); },
      };
      send(live.sandbox.process.stdio[3] as import('node:net').Socket, m).catch(() => { /* the exit reports it */ });
    });
  }
}

function errorFrom(body: Record<string, unknown>, where: string): SolutionError {
  const code = String(body.code ?? 'SOLUTION_THREW') as SolutionError['code'];
  if (body.errno === 'ERR_ACCESS_DENIED') {
    const what = `${body.permission ?? 'access'}${body.resource ? ` of ${body.resource}` : ''}`;
    const refused = `tried ${what}, which the sandbox refuses (a solution reads only its own folder, writes only its temp folder, and starts no processes or threads)${body.frame ?? ''}`;
    return new SolutionError(code === 'SOLUTION_LOAD_FAILED' ? code : 'SOLUTION_REFUSED', refused, where);
  }
  if (code === 'SOLUTION_THREW' || code === 'SOLUTION_LOAD_FAILED') {
    const verb = code === 'SOLUTION_THREW' ? 'threw' : 'failed while loading:';
    return new SolutionError(code, `${verb} ${body.name ?? 'Error'}: ${body.message}${body.frame ?? ''}`, where);
  }
  return new SolutionError(code, String(body.message ?? 'failed'), where);
}

function seconds(ms: number): string {
  return ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000));
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).slice(-1)[0]?.slice(0, 300) ?? '';
}
