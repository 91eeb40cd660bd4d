// Loads a solution and hands specs a guarded proxy of its contract. Every call crosses the
// grader-solution boundary as data (typed arrays, numbers, strings, plain objects), each with a
// time budget. Two hosts implement the boundary:
//   ChildHost (src/isolation/, the default): the solution runs in a sandboxed child process and the
//     grader process never imports its code;
//   InProcessHost (--isolation none, for debugging one's own code): the solution is imported here,
//     arguments and results are structured-cloned; nothing stops it reading or patching the grader.
// Specs only see `Guarded<C>` functions and cannot tell which host runs them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ChildHost } from '../isolation/child-host.ts';
import { isolationMode } from '../isolation/sandbox.ts';
import { SolutionError } from './errors.ts';
import { projectRoot } from './paths.ts';

export { projectRoot };

/** Folder of solutions being graded: GRADEBENCH_SOLUTIONS, else the reference solutions. */
export function solutionsDir(): string {
  const dir = process.env.GRADEBENCH_SOLUTIONS;
  return dir ? path.resolve(dir) : path.join(projectRoot, 'solutions');
}

export function solutionEntry(dir: string, id: string): string | undefined {
  for (const ext of ['index.ts', 'index.js', 'index.mjs']) {
    const file = path.join(dir, id, ext);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Which requirement a call belongs to: the host reseeds the solution at each requirement's start. */
export interface CallContext {
  epoch?: number;
  seed?: number;
}

/** One way of running a solution's functions. */
export interface SolutionHost {
  call(fn: string, args: unknown[], budgetMs: number, ctx?: CallContext): Promise<unknown>;
  functions(): string[];
  /** After a requirement: reports a crash that happened after its calls returned. */
  settle?(epoch: number, budgetMs: number): Promise<void>;
  close?(): void;
  /** The isolation layers in force, for results.json. */
  describe?(): Record<string, unknown>;
}

/** Roots a submission may import from besides its own folder (instructor-provided code). */
export function trustedImportRoots(): string[] {
  return (process.env.GRADEBENCH_ALLOW_IMPORTS ?? '').split(path.delimiter).filter(Boolean).map((p) => path.resolve(p));
}

class InProcessHost implements SolutionHost {
  constructor(private readonly impl: Record<string, unknown>, private readonly id: string) {}
  functions(): string[] {
    return Object.keys(this.impl).filter((k) => typeof this.impl[k] === 'function');
  }
  async call(fn: string, args: unknown[], budgetMs: number): Promise<unknown> {
    const where = `${this.id}.${fn}`;
    const f = this.impl[fn] as (...a: unknown[]) => unknown;
    let timer: NodeJS.Timeout | undefined;
    const overrun = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SolutionError('SOLUTION_TIMEOUT',
        `did not finish within its budget of ${budgetMs < 10_000 ? (budgetMs / 1000).toFixed(1) : Math.round(budgetMs / 1000)} s (set GRADEBENCH_BUDGET_SCALE to allow more)`, where)), budgetMs);
    });
    try {
      const result = await Promise.race([Promise.resolve().then(() => f.apply(this.impl, structuredClone(args))), overrun]);
      return toData(result, where);
    } catch (e) {
      if (e instanceof SolutionError) throw e;
      const err = e as Error;
      const frame = (err.stack ?? '').split('\n').find((l) => l.includes(`/${this.id}/`))?.trim();
      throw new SolutionError('SOLUTION_THREW', `threw ${err.name ?? 'Error'}: ${err.message}${frame ? ` (${frame})` : ''}`, where);
    } finally {
      clearTimeout(timer);
    }
  }
}

function toData(result: unknown, where: string): unknown {
  try {
    return structuredClone(result);
  } catch (e) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT',
      `returned something that is not plain data (${(e as Error).message}); return typed arrays, numbers, strings or JSON, never tensors or class instances`, where);
  }
}

export interface LoadOptions {
  backend: string; // the grader's backend, which the child uses too
  loadBudgetMs: number;
  packages?: readonly string[]; // npm packages the assignment lets solutions import
}

/** Loads <dir>/<id>/index.* in the configured host and checks it exports the contract's functions. */
export async function loadHost(id: string, dir: string, required: readonly string[], opts: LoadOptions): Promise<SolutionHost> {
  const entry = solutionEntry(dir, id);
  if (!entry) {
    throw new SolutionError('SOLUTION_MISSING', `no ${id}/index.ts (or .js) in ${dir}`, id);
  }
  if (isolationMode() === 'none') return loadInProcess(id, entry, required);
  const host = new ChildHost({ id, entry, root: dir, trusted: trustedImportRoots(), backend: opts.backend, loadBudgetMs: opts.loadBudgetMs, packages: opts.packages ?? [] });
  const functions = await host.open();
  const missing = required.filter((fn) => !functions.includes(fn));
  if (missing.length) {
    host.close();
    throw new SolutionError('SOLUTION_NOT_A_CONTRACT', `${entry} lacks contract function(s): ${missing.join(', ')}`, id);
  }
  return host;
}

async function loadInProcess(id: string, entry: string, required: readonly string[]): Promise<SolutionHost> {
  let mod: { default?: unknown };
  try {
    mod = await import(pathToFileURL(entry).href);
  } catch (e) {
    throw new SolutionError('SOLUTION_LOAD_FAILED', `importing ${entry} failed: ${(e as Error).message}`, id);
  }
  const impl = mod.default as Record<string, unknown> | undefined;
  if (!impl || typeof impl !== 'object') {
    throw new SolutionError('SOLUTION_NOT_A_CONTRACT', `${entry} must default-export an object implementing the contract`, id);
  }
  const missing = required.filter((fn) => typeof impl[fn] !== 'function');
  if (missing.length) {
    throw new SolutionError('SOLUTION_NOT_A_CONTRACT', `${entry} lacks contract function(s): ${missing.join(', ')}`, id);
  }
  return new InProcessHost(impl, id);
}

/** The contract as specs use it: every function guarded by the host. */
export type Guarded<C> = { [K in keyof C]: C[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<Awaited<R>> : never };

export function guard<C>(host: SolutionHost, budgetMs: (fn: string) => number, context: () => CallContext = () => ({})): Guarded<C> {
  return new Proxy({} as Guarded<C>, {
    get: (_, fn: string | symbol) =>
      typeof fn === 'string' && fn !== 'then' ? (...args: unknown[]) => host.call(fn, args, budgetMs(fn), context()) : undefined,
  });
}
