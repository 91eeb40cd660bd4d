// Character-level language model: a vanilla tanh RNN over one-hot characters with a softmax
// readout, trained by truncated BPTT on random windows of the training stream
// '\n' s1 '\n' s2 '\n' ... (each window starts from a zero state, as held-out sentences do).
import type { CharCorpus, CharLmOptions, F64 } from '../../src/contracts/iust-p5-rnn-attention.ts';
import { makeRng } from '../../src/kit.ts';
import { makeAdam, randn } from './adam.ts';
import { readoutLoss, readoutProbs, type Readout } from './readout.ts';
import { rnnBackward, rnnForward } from './rnn.ts';

const HIDDEN = 64, WINDOW = 40, BATCH = 16, TEMPERATURE = 0.8;

interface Net { Wx: F64; Wh: F64; b: F64; r: Readout; V: number; H: number }

/** One-hot x [T, N, V] of ids [T * N] (time-major). */
function oneHot(ids: ArrayLike<number>, T: number, N: number, V: number): F64 {
  const x = new Float64Array(T * N * V);
  for (let i = 0; i < ids.length; i++) x[i * V + ids[i]] = 1;
  return { data: x, shape: [T, N, V] };
}

/** Next-character distributions [ids.length, V] after each of ids, from a zero state. */
function predictAll(net: Net, ids: number[]): { probs: Float64Array; last: Float64Array } {
  const T = ids.length;
  const f = rnnForward(oneHot(ids, T, 1, net.V), { data: new Float64Array(net.H), shape: [1, net.H] }, net.Wx, net.Wh, net.b);
  return { probs: readoutProbs(net.r, f.h.data, T), last: f.h.data.slice((T - 1) * net.H) };
}

function sample(net: Net, prompt: number[], rng: () => number): number[] {
  let { probs, last } = predictAll(net, [0, ...prompt]);
  let p = probs.subarray(probs.length - net.V);
  const out: number[] = [];
  while (out.length < 80) {
    const w = Array.from(p, (x) => x ** (1 / TEMPERATURE));
    let u = rng() * w.reduce((a, b) => a + b, 0), c = 0;
    while (c < w.length - 1 && (u -= w[c]) > 0) c++;
    if (c === 0) break; // '\n' ends the sentence
    out.push(c);
    const f = rnnForward(oneHot([c], 1, 1, net.V), { data: last, shape: [1, net.H] }, net.Wx, net.Wh, net.b);
    last = f.h.data;
    p = readoutProbs(net.r, last, 1);
  }
  return out;
}

export async function trainCharLm(corpus: CharCorpus, heldOut: string[], prompts: string[], o: CharLmOptions) {
  const rng = makeRng(`char-lm:${o.seed}`);
  const V = corpus.vocab.length, H = HIDDEN;
  const index = new Map(corpus.vocab.map((c, i) => [c, i]));
  const encode = (s: string) => Array.from(s, (c) => index.get(c) ?? 0);
  const stream = Int32Array.from(encode('\n' + corpus.train.join('\n') + '\n'));
  const net: Net = {
    Wx: { data: randn(V * H, 0.3, rng), shape: [V, H] }, Wh: { data: randn(H * H, 0.7 / Math.sqrt(H), rng), shape: [H, H] },
    b: { data: new Float64Array(H), shape: [H] }, r: { Wy: randn(H * V, 1 / Math.sqrt(H), rng), by: new Float64Array(V), H, C: V }, V, H,
  };
  const adam = makeAdam([net.Wx.data, net.Wh.data, net.b.data, net.r.Wy, net.r.by], 5e-3, 5);
  const h0 = { data: new Float64Array(BATCH * H), shape: [BATCH, H] };
  const loss: number[] = [];
  let block = 0;
  for (let step = 0; step < o.steps; step++) {
    const starts = Array.from({ length: BATCH }, () => Math.floor(rng() * (stream.length - WINDOW - 1)));
    const inputs = new Int32Array(WINDOW * BATCH), targets = new Int32Array(WINDOW * BATCH);
    for (let t = 0; t < WINDOW; t++) for (let n = 0; n < BATCH; n++) {
      inputs[t * BATCH + n] = stream[starts[n] + t];
      targets[t * BATCH + n] = stream[starts[n] + t + 1];
    }
    const f = rnnForward(oneHot(inputs, WINDOW, BATCH, V), h0, net.Wx, net.Wh, net.b);
    const out = readoutLoss(net.r, f.h.data, targets);
    const g = rnnBackward({ data: out.dh, shape: [WINDOW, BATCH, H] }, f.cache, false);
    adam.step([g.dWx.data, g.dWh.data, g.db.data, out.dWy, out.dby]);
    block += out.loss;
    if (step % 25 === 24) { loss.push(block / 25); block = 0; } // mean over each block of 25 steps
  }
  const rows = heldOut.reduce((s, x) => s + x.length + 1, 0);
  const probabilities = new Float64Array(rows * V);
  let at = 0;
  for (const s of heldOut) {
    const { probs } = predictAll(net, [0, ...encode(s)]);
    probabilities.set(probs, at);
    at += probs.length;
  }
  const samples = prompts.map((p) => sample(net, encode(p), rng).map((c) => corpus.vocab[c]).join(''));
  return { probabilities: { data: probabilities, shape: [rows, V] }, samples, loss };
}
