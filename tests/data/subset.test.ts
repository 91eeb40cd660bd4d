import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classQuotas, firstPerClass, stratifiedSubset } from '../../src/data/subset.ts';
import type { ImageSet } from '../../src/data/types.ts';
import { expectCode } from './helpers.ts';

/** n 1x1 grey images whose pixel is their own index (mod 256) and the given labels. */
function toySet(labels: number[]): ImageSet {
  return { images: Uint8Array.from(labels, (_, i) => i % 256), shape: [labels.length, 1, 1, 1], labels: Int32Array.from(labels) };
}
const labelsArb = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 300 });

describe('stratifiedSubset', () => {
  it('property: n images, each class within 1 of its proportional share, members from the set', () => {
    fc.assert(fc.property(labelsArb, fc.nat(), fc.integer({ min: 0, max: 1000 }), (labels, seed, frac) => {
      const set = toySet(labels);
      const n = Math.floor((frac / 1000) * labels.length);
      const sub = stratifiedSubset(set, n, seed);
      expect(sub.shape).toEqual([n, 1, 1, 1]);
      for (const k of new Set(labels)) {
        const inSet = labels.filter((l) => l === k).length;
        const inSub = Array.from(sub.labels).filter((l) => l === k).length;
        expect(Math.abs(inSub - (inSet * n) / labels.length)).toBeLessThan(1 + 1e-9);
      }
      // each chosen image keeps its own label (pixel = original index)
      sub.images.forEach((px, j) => expect(labels.some((l, i) => i % 256 === px && l === sub.labels[j])).toBe(true));
    }), { numRuns: 200 });
  });

  it('property: deterministic for a seed, in original order, and seeds differ', () => {
    fc.assert(fc.property(labelsArb, fc.nat(), (labels, seed) => {
      const set = toySet(labels);
      const n = Math.floor(labels.length / 2);
      const a = stratifiedSubset(set, n, seed), b = stratifiedSubset(set, n, seed);
      expect(Array.from(a.images)).toEqual(Array.from(b.images));
    }), { numRuns: 100 });
    const big = toySet(Array.from({ length: 200 }, (_, i) => i % 4));
    expect(Array.from(stratifiedSubset(big, 50, 1).images)).not.toEqual(Array.from(stratifiedSubset(big, 50, 2).images));
    const s = stratifiedSubset(big, 50, 1).images;
    expect(Array.from(s)).toEqual(Array.from(s).sort((x, y) => x - y));
  });

  it('quotas use the largest remainders and sum to n', () => {
    expect(classQuotas([5, 3, 2], 5)).toEqual([3, 1, 1]);
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 10 }), fc.nat(), (counts, r) => {
      const n = r % (counts.reduce((a, b) => a + b, 0) + 1);
      const q = classQuotas(counts, n);
      expect(q.reduce((a, b) => a + b, 0)).toBe(n);
      q.forEach((v, k) => expect(v).toBeLessThanOrEqual(counts[k]));
    }));
  });

  it('refuses impossible sizes with DATASET_BAD_OPTION', () => {
    expectCode(() => stratifiedSubset(toySet([0, 1]), 3, 0), 'DATASET_BAD_OPTION');
    expectCode(() => stratifiedSubset(toySet([0, 1]), 1.5, 0), 'DATASET_BAD_OPTION');
  });

  it('firstPerClass keeps the first k of each class in order', () => {
    expect(Array.from(firstPerClass(toySet([0, 1, 0, 0, 1, 2]), 2).images)).toEqual([0, 1, 2, 4, 5]);
  });
});
