// Loads a solution module and hands specs a guarded proxy of its contract.
// Every call crosses the grader-solution boundary as data: arguments are structured-cloned in (so a
// solution cannot mutate the grader's test inputs), results are structured-cloned out (so a live
// tensor, closure or class instance is a SOLUTION_BAD_OUTPUT error), and each call has a time budget.
// Because only cloneable data crosses, an out-of-process host (child process / worker) can replace
// InProcessHost later without any spec changing: specs only see `Contract` functions.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SolutionError } from './errors.ts';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

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

/** One way of running a solution's functions; in-process today, isolated later. */
export interface SolutionHost {
  call(fn: string, args: unknown[], budgetMs: number): Promise<unknown>;
  functions(): string[];
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

/** Imports solutions/<id>/index.ts from `dir` and checks it exports the contract's functions. */
export async function loadHost(id: string, dir: string, required: readonly string[]): Promise<SolutionHost> {
  const entry = solutionEntry(dir, id);
  if (!entry) {
    throw new SolutionError('SOLUTION_MISSING', `no ${id}/index.ts (or .js) in ${dir}`, id);
  }
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

export function guard<C>(host: SolutionHost, budgetMs: (fn: string) => number): Guarded<C> {
  return new Proxy({} as Guarded<C>, {
    get: (_, fn: string | symbol) =>
      typeof fn === 'string' && fn !== 'then' ? (...args: unknown[]) => host.call(fn, args, budgetMs(fn)) : undefined,
  });
}
