// The grader-solution boundary is data: every implemented contract's inputs and outputs must pass
// through structuredClone unchanged (what an out-of-process host will do to them). One entry per
// contract: fast-check arbitraries of its arguments and results.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { catalog } from '../../src/catalog.ts';
import { contractSamples } from './samples/index.ts';

describe.each(Object.entries(contractSamples))('contract %s', (_id, samples) => {
  test.each(Object.entries(samples))('%s: arguments and result survive structuredClone', (_fn, arb) => {
    fc.assert(fc.property(arb, (value) => {
      expect(structuredClone(value)).toStrictEqual(value);
    }), { numRuns: 100 });
  });
});

test('every implemented assignment has clone samples for its contract', () => {
  const implemented = catalog.filter((a) => a.status === 'implemented').map((a) => a.id);
  expect(Object.keys(contractSamples).sort()).toEqual(implemented.sort());
});
