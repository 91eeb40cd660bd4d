// Activation functions and their vector-Jacobian products, in float64. Elementwise ones multiply dy
// by f'(x); softmax couples a row: dx_i = s_i (dy_i - sum_j dy_j s_j).
import type { ActivationName } from '../../src/contracts/iust-p1-probabilistic.ts';
import { iustP1Probabilistic, type Array2 } from '../../src/kit.ts';

const { LEAKY_SLOPE } = iustP1Probabilistic;

type Elementwise = { f: (x: number) => number; df: (x: number, y: number) => number }; // df from x and y = f(x)

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const elementwise: Record<Exclude<ActivationName, 'softmax'>, Elementwise> = {
  sigmoid: { f: sigmoid, df: (_, s) => s * (1 - s) },
  tanh: { f: Math.tanh, df: (_, t) => 1 - t * t },
  relu: { f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0) },
  'leaky-relu': { f: (x) => (x > 0 ? x : LEAKY_SLOPE * x), df: (x) => (x > 0 ? 1 : LEAKY_SLOPE) },
  elu: { f: (x) => (x > 0 ? x : Math.expm1(x)), df: (x, y) => (x > 0 ? 1 : y + 1) },
  // softplus(x) = log(1 + e^x), computed without overflow; its derivative is the sigmoid
  softplus: { f: (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))), df: (x) => sigmoid(x) },
};

/** Row-wise softmax of x [N, D], shifted by each row's max so exp never overflows. */
function softmax(x: Array2<Float64Array>): Float64Array {
  const [n, d] = x.shape;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = x.data.subarray(i * d, (i + 1) * d);
    const max = Math.max(...row);
    let z = 0;
    for (let j = 0; j < d; j++) z += (out[i * d + j] = Math.exp(row[j] - max));
    for (let j = 0; j < d; j++) out[i * d + j] /= z;
  }
  return out;
}

export function activationForward(name: ActivationName, x: Array2<Float64Array>): Array2<Float64Array> {
  if (name === 'softmax') return { data: softmax(x), shape: x.shape };
  const { f } = elementwise[name];
  return { data: x.data.map(f), shape: x.shape };
}

export function activationBackward(name: ActivationName, x: Array2<Float64Array>, dy: Array2<Float64Array>): Array2<Float64Array> {
  if (name === 'softmax') {
    const [n, d] = x.shape;
    const s = softmax(x);
    const dx = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += dy.data[i * d + j] * s[i * d + j];
      for (let j = 0; j < d; j++) dx[i * d + j] = s[i * d + j] * (dy.data[i * d + j] - dot);
    }
    return { data: dx, shape: x.shape };
  }
  const { f, df } = elementwise[name];
  return { data: x.data.map((v, i) => df(v, f(v)) * dy.data[i]), shape: x.shape };
}
