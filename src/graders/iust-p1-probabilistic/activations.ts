// The grader's activation functions in float64, written independently of any solution: the
// forward values a solution must match, and the scalar whose gradient its backward pass must be.
import { LEAKY_SLOPE, type ActivationName } from '../../contracts/iust-p1-probabilistic.ts';
import type { Array2 } from '../../grading/types.ts';

const scalar: Record<Exclude<ActivationName, 'softmax'>, (x: number) => number> = {
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  tanh: Math.tanh,
  relu: (x) => Math.max(0, x),
  'leaky-relu': (x) => (x > 0 ? x : LEAKY_SLOPE * x),
  elu: (x) => (x > 0 ? x : Math.exp(x) - 1),
  softplus: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
};

/** f(x) for x [N, D]: elementwise, or softmax over each row. */
export function referenceForward(name: ActivationName, x: Array2<Float64Array>): Float64Array {
  if (name !== 'softmax') return x.data.map(scalar[name]);
  const [n, d] = x.shape;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = Array.from(x.data.subarray(i * d, (i + 1) * d));
    const max = Math.max(...row);
    const e = row.map((v) => Math.exp(v - max));
    const z = e.reduce((a, b) => a + b, 0);
    e.forEach((v, j) => { out[i * d + j] = v / z; });
  }
  return out;
}

/** The scalar sum(dy * f(x)), whose gradient with respect to x is what activationBackward returns. */
export function projected(name: ActivationName, shape: number[], dy: Float64Array) {
  return (flat: Float64Array) => referenceForward(name, { data: flat, shape }).reduce((s, v, i) => s + v * dy[i], 0);
}

/** Whether the activation has a kink at 0 (inputs near it are kept away from central differences). */
export const kinked = (name: ActivationName) => name === 'relu' || name === 'leaky-relu' || name === 'elu';
