// The solution's side of the isolated host: a plain-JavaScript bundle (built by compile.ts) that
// runs in a sandboxed Node process, loads one submission bundle and answers the grader's calls.
//
// Messages on fd 3 (a socket pair with the grader, frames of wire.ts):
//   grader -> child  load {bundle, backend}        child -> grader  ready {functions}
//                    call {fn, args, seed?}                         result {value} | error {...}
//                    ping                                           pong
//                                                                   crash {what}  (then exits)
// The child exits when the grader's end closes. A crash (uncaught exception, unhandled rejection,
// also from a timer after a call returned) is reported as a frame before exiting, so the grader can
// say what happened; process.exit, signals and memory caps it learns from the exit itself.
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import { initEngine } from '../engine/backend.ts';
import { seedEverything } from '../engine/seed.ts';
import { FrameReader, NotPlainData, send, type Message } from './wire.ts';

type Impl = Record<string, (...args: unknown[]) => unknown>;

const channel = new net.Socket({ fd: 3, readable: true, writable: true });
let impl: Impl | undefined;
let queue = Promise.resolve(); // one message at a time, in order

const reply = (m: Message) => send(channel, m);

process.on('uncaughtException', (e) => crash('uncaught', e));
process.on('unhandledRejection', (e) => crash('unhandled rejection of', e));

function crash(how: string, e: unknown): void {
  const err = e as Error;
  const what = `${how} ${err?.name ?? 'value'}: ${err?.message ?? String(e)}${frameOf(err)}`;
  reply({ kind: 'crash', body: { what } }).finally(() => process.exit(70));
}

const reader = new FrameReader(
  (m) => { queue = queue.then(() => handle(m)).catch((e) => crash('uncaught', e)); },
  (e) => { process.stderr.write(`gradebench child: ${e.message}\n`); process.exit(71); },
);
channel.on('data', (chunk: Buffer) => reader.push(chunk));
channel.on('end', () => process.exit(0)); // the grader is gone
channel.on('error', () => process.exit(0));

async function handle(m: Message): Promise<void> {
  const body = (m.body ?? {}) as Record<string, unknown>;
  // A ping ends a requirement: let timers the solution just set (a throw from setTimeout(0) after
  // returning) fire first, so a crash they cause is charged to that requirement.
  if (m.kind === 'ping') return new Promise((resolve) => setTimeout(resolve, 20)).then(() => reply({ kind: 'pong' }));
  if (m.kind === 'load') return load(String(body.bundle), String(body.backend));
  if (m.kind === 'call') return call(String(body.fn), body.args as unknown[], body.seed as number | undefined);
}

async function load(bundle: string, backend: string): Promise<void> {
  await initEngine({ backend, quiet: true });
  process.setSourceMapsEnabled(true); // stack frames name the student's own files and lines
  try {
    const mod = (await import(pathToFileURL(bundle).href)) as { default?: unknown };
    const exported = mod.default as Impl | undefined;
    if (!exported || typeof exported !== 'object') {
      return reply({ kind: 'error', body: { code: 'SOLUTION_NOT_A_CONTRACT', message: 'must default-export an object implementing the contract' } });
    }
    impl = exported;
    const functions = Object.keys(exported).filter((k) => typeof exported[k] === 'function');
    return reply({ kind: 'ready', body: { functions } });
  } catch (e) {
    return reply({ kind: 'error', body: { code: 'SOLUTION_LOAD_FAILED', ...describe(e) } });
  }
}

async function call(fn: string, args: unknown[], seed: number | undefined): Promise<void> {
  if (seed !== undefined) seedEverything(seed); // the grader reseeds at each requirement's start
  let value: unknown;
  try {
    value = await impl![fn].apply(impl, args);
  } catch (e) {
    return reply({ kind: 'error', body: { code: 'SOLUTION_THREW', ...describe(e) } });
  }
  try {
    await reply({ kind: 'result', body: { value } });
  } catch (e) {
    if (!(e instanceof NotPlainData)) throw e;
    return reply({ kind: 'error', body: { code: 'SOLUTION_BAD_OUTPUT', message: `returned something that cannot be sent as data: ${e.message}` } });
  }
}

/** An error as plain data: a permission refusal keeps its permission and resource. */
function describe(e: unknown): Record<string, string> {
  const err = (e ?? {}) as NodeJS.ErrnoException & { permission?: string; resource?: string };
  const out: Record<string, string> = { name: String(err.name ?? 'Error'), message: String(err.message ?? e), frame: frameOf(err) };
  if (typeof err.code === 'string') out.errno = err.code;
  if (typeof err.permission === 'string') out.permission = err.permission;
  if (typeof err.resource === 'string') out.resource = err.resource;
  return out;
}

function frameOf(err: Error | undefined): string {
  const line = String(err?.stack ?? '').split('\n').slice(1).find((l) => !l.includes('node:internal') && !l.includes('/child.mjs'));
  return line ? ` (${line.trim()})` : '';
}
