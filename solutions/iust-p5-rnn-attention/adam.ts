import { gaussian } from '../../src/kit.ts';

// Adam over a list of float64 parameter arrays, updated in place, with global-norm gradient clipping.
export interface Adam { step(grads: Float64Array[]): void }

export function makeAdam(params: Float64Array[], lr: number, clip = Infinity, b1 = 0.9, b2 = 0.999, eps = 1e-8): Adam {
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  let t = 0;
  return {
    step(grads) {
      t++;
      let norm2 = 0;
      for (const g of grads) for (let i = 0; i < g.length; i++) norm2 += g[i] * g[i];
      const scale = Math.sqrt(norm2) > clip ? clip / Math.sqrt(norm2) : 1;
      const c1 = 1 - b1 ** t, c2 = 1 - b2 ** t;
      params.forEach((p, k) => {
        const g = grads[k], mk = m[k], vk = v[k];
        for (let i = 0; i < p.length; i++) {
          const gi = g[i] * scale;
          mk[i] = b1 * mk[i] + (1 - b1) * gi;
          vk[i] = b2 * vk[i] + (1 - b2) * gi * gi;
          p[i] -= (lr * mk[i] / c1) / (Math.sqrt(vk[i] / c2) + eps);
        }
      });
    },
  };
}

/** Gaussian-initialised [n] array with standard deviation std. */
export function randn(n: number, std: number, rng: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = std * gaussian(rng);
  return out;
}
