// The distillation loss of the contract and its gradient with respect to the student logits:
//   soft term  alpha T^2 KL(p || q), p = softmax(t / T), q = softmax(s / T): d/ds = alpha T (q - p)
//   hard term  (1 - alpha) CE(softmax(s), y):                               d/ds = (1 - alpha) (softmax(s) - onehot(y))
// both averaged over the N rows.
import type { DistillationOptions } from '../../src/contracts/iust-p2-regularization.ts';
import type { Array2 } from '../../src/kit.ts';

/** log softmax of one row (z / T), shifted by the max so exp never overflows. */
function logSoftmax(z: ArrayLike<number>, T: number): Float64Array {
  const v = Float64Array.from(z, (e) => e / T);
  const max = Math.max(...v);
  const logZ = max + Math.log(v.reduce((s, e) => s + Math.exp(e - max), 0));
  return v.map((e) => e - logZ);
}

export function distillationLoss(student: Array2<Float64Array>, teacher: Array2<Float64Array>, labels: Int32Array, { temperature: T, alpha }: DistillationOptions) {
  const [n, c] = student.shape;
  const gradient = new Float64Array(n * c);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const s = student.data.subarray(i * c, (i + 1) * c);
    const logP = logSoftmax(teacher.data.subarray(i * c, (i + 1) * c), T);
    const logQ = logSoftmax(s, T);
    const logS = logSoftmax(s, 1);
    for (let j = 0; j < c; j++) {
      const p = Math.exp(logP[j]);
      loss += (alpha * T * T * p * (logP[j] - logQ[j])) / n;
      gradient[i * c + j] = (alpha * T * (Math.exp(logQ[j]) - p) + (1 - alpha) * (Math.exp(logS[j]) - (j === labels[i] ? 1 : 0))) / n;
    }
    loss -= ((1 - alpha) * logS[labels[i]]) / n;
  }
  return { loss, gradient: { data: gradient, shape: [n, c] } };
}
