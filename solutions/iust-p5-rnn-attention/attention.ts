// Dot-product attention of one query over L keys, with softmax or hard argmax weights, and a
// lookup model trained through it. The argmax weights are piecewise constant in the scores, so the
// scores' gradient is exactly zero and nothing upstream of them can learn.
import type { AttentionKind, AttentionTrainOptions, F64, LookupSet, LookupTask } from '../../src/contracts/iust-p5-rnn-attention.ts';
import { makeRng } from '../../src/kit.ts';
import { makeAdam, randn } from './adam.ts';

interface AttentionCache { q: F64; k: F64; v: F64; a: Float64Array; kind: AttentionKind } // a [N, L]

export function attentionForward(q: F64, k: F64, v: F64, kind: AttentionKind) {
  const [N, L, D] = k.shape;
  const E = v.shape[2];
  const a = new Float64Array(N * L), out = new Float64Array(N * E);
  const scale = 1 / Math.sqrt(D);
  for (let n = 0; n < N; n++) {
    const s = new Float64Array(L);
    for (let l = 0; l < L; l++) {
      let dot = 0;
      for (let d = 0; d < D; d++) dot += q.data[n * D + d] * k.data[(n * L + l) * D + d];
      s[l] = dot * scale;
    }
    let best = 0;
    for (let l = 1; l < L; l++) if (s[l] > s[best]) best = l; // first maximum on ties
    if (kind === 'argmax') a[n * L + best] = 1;
    else {
      let z = 0;
      for (let l = 0; l < L; l++) z += (a[n * L + l] = Math.exp(s[l] - s[best]));
      for (let l = 0; l < L; l++) a[n * L + l] /= z;
    }
    for (let l = 0; l < L; l++) {
      const w = a[n * L + l];
      if (w !== 0) for (let e = 0; e < E; e++) out[n * E + e] += w * v.data[(n * L + l) * E + e];
    }
  }
  const cache: AttentionCache = { q, k, v, a, kind };
  return { out: { data: out, shape: [N, E] }, weights: { data: a, shape: [N, L] }, cache };
}

export function attentionBackward(dout: F64, c: AttentionCache) {
  const [N, L, D] = c.k.shape;
  const E = c.v.shape[2];
  const scale = 1 / Math.sqrt(D);
  const dq = new Float64Array(N * D), dk = new Float64Array(N * L * D), dv = new Float64Array(N * L * E), ds = new Float64Array(N * L);
  for (let n = 0; n < N; n++) {
    const da = new Float64Array(L); // dLoss/da_l = dout . v_l
    for (let l = 0; l < L; l++) {
      const w = c.a[n * L + l];
      for (let e = 0; e < E; e++) {
        da[l] += dout.data[n * E + e] * c.v.data[(n * L + l) * E + e];
        dv[(n * L + l) * E + e] = w * dout.data[n * E + e];
      }
    }
    if (c.kind === 'softmax') { // softmax Jacobian: ds = a * (da - sum a da)
      let mean = 0;
      for (let l = 0; l < L; l++) mean += c.a[n * L + l] * da[l];
      for (let l = 0; l < L; l++) ds[n * L + l] = c.a[n * L + l] * (da[l] - mean);
    } // argmax: ds stays 0
    for (let l = 0; l < L; l++) {
      const g = ds[n * L + l] * scale;
      if (g === 0) continue;
      for (let d = 0; d < D; d++) {
        dq[n * D + d] += g * c.k.data[(n * L + l) * D + d];
        dk[(n * L + l) * D + d] = g * c.q.data[n * D + d];
      }
    }
  }
  return { dq: { data: dq, shape: [N, D] }, dk: { data: dk, shape: [N, L, D] }, dv: { data: dv, shape: [N, L, E] }, dscores: { data: ds, shape: [N, L] } };
}

const EPS = 0.01; // p(class) = (1 - EPS) * attended one-hot + EPS / C, so log p stays finite under argmax

/** The model: q' = q W (W [D, D] learned), attention of q' over the keys, values as one-hot classes. */
function lookup(set: LookupSet, W: Float64Array, classes: number, kind: AttentionKind) {
  const [N, D] = set.queries.shape;
  const L = set.keys.shape[1];
  const qw = new Float64Array(N * D);
  for (let n = 0; n < N; n++) for (let i = 0; i < D; i++) {
    const qi = set.queries.data[n * D + i];
    for (let j = 0; j < D; j++) qw[n * D + j] += qi * W[i * D + j];
  }
  const onehot = new Float64Array(N * L * classes);
  set.values.forEach((c, i) => { onehot[i * classes + c] = 1; });
  return attentionForward({ data: qw, shape: [N, D] }, set.keys, { data: onehot, shape: [N, L, classes] }, kind);
}

export async function trainAttention(task: LookupTask, o: AttentionTrainOptions) {
  const rng = makeRng(`attention:${o.seed}`);
  const [N, D] = task.train.queries.shape;
  const C = task.classes;
  const W = randn(D * D, 0.1, rng);
  const adam = makeAdam([W], 0.05);
  const loss: number[] = [], scoreGradNorm: number[] = [];
  for (let step = 0; step < o.steps; step++) {
    const { out, cache } = lookup(task.train, W, C, o.kind);
    const dout = new Float64Array(N * C);
    let total = 0;
    for (let n = 0; n < N; n++) {
      const t = task.train.targets[n];
      const p = (1 - EPS) * out.data[n * C + t] + EPS / C;
      total -= Math.log(p) / N;
      dout[n * C + t] = -(1 - EPS) / (p * N);
    }
    const g = attentionBackward({ data: dout, shape: [N, C] }, cache);
    const dW = new Float64Array(D * D); // dW = queries^T dq'
    for (let n = 0; n < N; n++) for (let i = 0; i < D; i++) {
      const qi = task.train.queries.data[n * D + i];
      for (let j = 0; j < D; j++) dW[i * D + j] += qi * g.dq.data[n * D + j];
    }
    loss.push(total);
    scoreGradNorm.push(Math.sqrt(g.dscores.data.reduce((s, x) => s + x * x, 0)));
    adam.step([dW]);
  }
  const { out } = lookup(task.eval, W, C, o.kind);
  const M = task.eval.queries.shape[0];
  const evalPredictions = Int32Array.from({ length: M }, (_, n) => {
    let best = 0;
    for (let c = 1; c < C; c++) if (out.data[n * C + c] > out.data[n * C + best]) best = c;
    return best;
  });
  return { loss, scoreGradNorm, evalPredictions };
}
