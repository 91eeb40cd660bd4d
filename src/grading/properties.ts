// Property-based requirements with fast-check. fast-check's own failure message leads with its
// replay path; a student needs the reason first, so failures are rethrown as RequirementFailed
// (or the original SolutionError) with the reason, then the shrunk counterexample and the seed.
import fc from 'fast-check';
import { RequirementFailed, SolutionError } from './errors.ts';

export interface PropertyOptions {
  numRuns: number;
  seed: number;
}

export async function checkProperty<Ts extends [unknown, ...unknown[]]>(
  name: string, arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => Promise<void> | void, opts: PropertyOptions,
): Promise<void> {
  const property = fc.asyncProperty(...arbitraries, async (...args: Ts) => { await predicate(...args); });
  // No shrinking: a shrunk counterexample drifts to degenerate inputs (all-zero weights, vanishing
  // gradients) where the evidence is weakest; the first failing input shows the problem plainly.
  const details = await fc.check(property, { numRuns: opts.numRuns, seed: opts.seed, endOnFailure: true });
  if (!details.failed) return;
  const err = details.errorInstance as Error | undefined;
  const example = details.counterexample ? truncate(fc.stringify(details.counterexample), 300) : 'none';
  const context = `${name}: failed after ${details.numRuns} run(s) for ${example} (fast-check seed ${opts.seed})`;
  if (err instanceof SolutionError) throw new SolutionError(err.code, `${err.detail}; ${context}`, err.where);
  throw new RequirementFailed(`${err?.message ?? 'property failed'}; ${context}`);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
