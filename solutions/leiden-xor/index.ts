// Reference solution for leiden-xor: a 2-2-1 sigmoid network in plain float64 JavaScript.
import type { LeidenXor, XorTrainOptions } from '../../src/contracts/leiden-xor.ts';
import { gaussian, leidenXor, makeRng, type Array2 } from '../../src/kit.ts';

const { xorTable } = leidenXor;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Forward one pattern, keeping what backprop needs: hidden activations h [2] and output o. */
function forwardOne(w: Float64Array, x1: number, x2: number) {
  const h1 = sigmoid(w[0] * x1 + w[1] * x2 + w[2]);
  const h2 = sigmoid(w[3] * x1 + w[4] * x2 + w[5]);
  const o = sigmoid(w[6] * h1 + w[7] * h2 + w[8]);
  return { h1, h2, o };
}

function forward(w: Float64Array, x: Array2<Float64Array>): Float64Array {
  const n = x.shape[0];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = forwardOne(w, x.data[2 * i], x.data[2 * i + 1]).o;
  return out;
}

function lossAndGradient(w: Float64Array, x: Array2<Float64Array>, y: Float64Array) {
  const n = x.shape[0];
  const g = new Float64Array(9);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const x1 = x.data[2 * i], x2 = x.data[2 * i + 1];
    const { h1, h2, o } = forwardOne(w, x1, x2);
    const err = o - y[i];
    loss += err * err / n;
    const dz = (2 * err / n) * o * (1 - o); // d loss / d output pre-activation
    g[6] += dz * h1; g[7] += dz * h2; g[8] += dz;
    const dz1 = dz * w[6] * h1 * (1 - h1);
    const dz2 = dz * w[7] * h2 * (1 - h2);
    g[0] += dz1 * x1; g[1] += dz1 * x2; g[2] += dz1;
    g[3] += dz2 * x1; g[4] += dz2 * x2; g[5] += dz2;
  }
  return { loss, gradient: g };
}

function train({ lr, init, iterations, seed }: XorTrainOptions) {
  const rng = makeRng(seed);
  // Both inits draw from [-1, 1] as the seed did: uniform, or a standard normal clipped to it.
  const draw = init === 'uniform' ? () => 2 * rng() - 1 : () => Math.max(-1, Math.min(1, gaussian(rng)));
  const w = Float64Array.from({ length: 9 }, draw);
  const curve = new Float64Array(iterations);
  for (let t = 0; t < iterations; t++) {
    const { loss, gradient } = lossAndGradient(w, xorTable.x, xorTable.y);
    curve[t] = loss;
    for (let k = 0; k < 9; k++) w[k] -= lr * gradient[k];
  }
  return { weights: w, loss: curve };
}

const solution: LeidenXor = { forward, lossAndGradient, train };
export default solution;
