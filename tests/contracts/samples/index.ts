// Clone samples per implemented contract: function name -> arbitrary of {args, result}.
import type fc from 'fast-check';
import { leidenXor } from './leiden-xor.ts';

export const contractSamples: Record<string, Record<string, fc.Arbitrary<unknown>>> = {
  'leiden-xor': leidenXor,
};
