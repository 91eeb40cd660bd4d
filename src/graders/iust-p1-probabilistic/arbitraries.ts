// fast-check arbitraries for iust-p1-probabilistic: tiny labelled corpora (every class present), and
// float64 matrices for activation and logistic-regression checks.
import fc from 'fast-check';
import type { Headlines } from '../../contracts/iust-p1-probabilistic.ts';
import { gaussian, makeRng } from '../../engine/seed.ts';
import type { Array2 } from '../../grading/types.ts';

const WORDS = ['stocks', 'fall', 'rise', 'team', 'wins', 'cup', 'oil', 'price', 'space', 'probe', 'mars', 'vote', 'war', 'peace', 'chip', 'sales'];

/** 2..4 classes, 4..24 headlines of 1..8 words (upper case and punctuation mixed in, for the tokenizer). */
export const corpus: fc.Arbitrary<Headlines> = fc.integer({ min: 2, max: 4 }).chain((classes) =>
  fc.array(fc.tuple(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: classes - 1 }), fc.boolean()),
    { minLength: 4, maxLength: 24 }).map((rows) => ({
    // the first `classes` headlines take labels 0..classes-1 so that no class is empty
    texts: rows.map(([w, , loud]) => (loud ? `${w.join(' ').toUpperCase()}!` : w.join(', '))),
    labels: Int32Array.from(rows, ([, c], i) => (i < classes ? i : c)),
    classes,
  })));

/** A matrix [n, d] of seeded gaussians times `scale`; n in 1..maxN, d in 1..maxD. */
export const gaussianMatrix = (maxN: number, maxD: number, scale: number): fc.Arbitrary<Array2<Float64Array>> =>
  fc.tuple(fc.integer({ min: 1, max: maxN }), fc.integer({ min: 1, max: maxD }), fc.integer({ min: 0, max: 2 ** 30 })).map(([n, d, seed]) => {
    const rng = makeRng(`iust-p1:matrix:${seed}`);
    return { data: Float64Array.from({ length: n * d }, () => scale * gaussian(rng)), shape: [n, d] };
  });

/** Same shape as x, entries uniform in [-1, 1] (the upstream gradient of a backward pass). */
export function like(x: Array2<Float64Array>, seed: number): Float64Array {
  const rng = makeRng(`iust-p1:like:${seed}`);
  return Float64Array.from(x.data, () => 2 * rng() - 1);
}

/** Pushes entries within `gap` of 0 away from it, so central differences never straddle a kink. */
export function awayFromZero(x: Array2<Float64Array>, gap: number): Array2<Float64Array> {
  return { data: x.data.map((v) => (Math.abs(v) < gap ? (v < 0 ? -gap : gap) : v)), shape: x.shape };
}
