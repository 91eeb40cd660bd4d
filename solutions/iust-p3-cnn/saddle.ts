// Three optimizers on f(x, y) = x^2 - y^2, whose gradient is (2x, -2y): the saddle at the origin
// attracts along x and repels along y, so escaping means growing the tiny y of the start.
import type { SaddleOptions } from '../../src/contracts/iust-p3-cnn.ts';
import type { Array2 } from '../../src/kit.ts';

const grad = (x: number, y: number): [number, number] => [2 * x, -2 * y];

/** Path [steps + 1, 2] of (x, y). */
export function saddleDescent(o: SaddleOptions): { path: Array2<Float64Array> } {
  const data = new Float64Array(2 * (o.steps + 1));
  const p = [o.start[0], o.start[1]];
  const v = [0, 0]; // momentum velocity, or Adam's second moment
  const m = [0, 0]; // Adam's first moment
  data[0] = p[0]; data[1] = p[1];
  for (let t = 1; t <= o.steps; t++) {
    const g = grad(p[0], p[1]);
    for (let k = 0; k < 2; k++) {
      if (o.optimizer === 'sgd') {
        p[k] -= o.learningRate * g[k];
      } else if (o.optimizer === 'momentum') {
        v[k] = o.momentum * v[k] - o.learningRate * g[k];
        p[k] += v[k];
      } else {
        m[k] = o.beta1 * m[k] + (1 - o.beta1) * g[k];
        v[k] = o.beta2 * v[k] + (1 - o.beta2) * g[k] * g[k];
        const mhat = m[k] / (1 - o.beta1 ** t);
        const vhat = v[k] / (1 - o.beta2 ** t);
        p[k] -= (o.learningRate * mhat) / (Math.sqrt(vhat) + o.epsilon);
      }
    }
    data[2 * t] = p[0]; data[2 * t + 1] = p[1];
  }
  return { path: { data, shape: [o.steps + 1, 2] } };
}
