// Inverted dropout: at training time each entry survives with probability 1 - p and is divided by
// 1 - p, so E[output] = x and inference needs no rescaling (it is the identity).
import type { DropoutOptions } from '../../src/contracts/iust-p2-regularization.ts';
import { makeRng, type Array2 } from '../../src/kit.ts';

export function dropout(x: Array2<Float64Array>, p: number, options: DropoutOptions): Array2<Float64Array> {
  if (!options.training || p === 0) return { data: Float64Array.from(x.data), shape: x.shape };
  const rng = makeRng(`dropout:${options.seed}`);
  const scale = 1 / (1 - p);
  return { data: x.data.map((v) => (rng() < p ? 0 : v * scale)), shape: x.shape };
}
