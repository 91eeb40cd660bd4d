// Determinism. tfjs has no global seed: random ops take a seed (undefined means "seed from
// Math.random"), layer initialisers and dropout call those ops without one, and model.fit shuffles
// with Math.random. So one seed makes a run repeatable only if Math.random itself is seeded.
// seedEverything replaces Math.random with a seeded alea generator (seedrandom, well kept);
// explicit code should prefer makeRng(seed) and pass its numbers on.
import seedrandom from 'seedrandom';

const nativeRandom = Math.random;

export type Rng = () => number; // uniform in [0, 1)

/** A seeded uniform generator, independent of Math.random. */
export function makeRng(seed: number | string): Rng {
  const prng = seedrandom.alea(String(seed));
  return () => prng.quick();
}

/** Seeds Math.random (so tfjs initialisers, dropout and fit's shuffle become repeatable). */
export function seedEverything(seed: number): void {
  Math.random = makeRng(`gradebench:${seed}`);
}

/** Restores the platform's Math.random. */
export function unseed(): void {
  Math.random = nativeRandom;
}

/** Fisher-Yates permutation of 0..n-1, seeded: [n] */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = p[i]; p[i] = p[j]; p[j] = t;
  }
  return p;
}

/** A standard normal sample (Box-Muller) from a uniform generator. */
export function gaussian(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
