// One-to-many RNN: the input vector enters at the first step only (zeros after), and the hidden
// state alone must unroll the sequence, e.g. count on from a start in a given step.
import type { F64, OneToManyTask } from '../../src/contracts/iust-p5-rnn-attention.ts';
import { makeRng } from '../../src/kit.ts';
import { makeAdam, randn } from './adam.ts';
import { readoutLoss, readoutProbs, type Readout } from './readout.ts';
import { rnnBackward, rnnForward } from './rnn.ts';

const HIDDEN = 64;

/** x [T, N, D]: the inputs [N, D] at t = 0, zeros after. */
function unrollInputs(inputs: F64, T: number): F64 {
  const [N, D] = inputs.shape;
  const x = new Float64Array(T * N * D);
  x.set(inputs.data);
  return { data: x, shape: [T, N, D] };
}

/** Targets [N * T] (sequence-major) -> [T * N] (time-major, as h is laid out). */
function timeMajor(targets: Int32Array, N: number, T: number): Int32Array {
  return Int32Array.from({ length: T * N }, (_, i) => targets[(i % N) * T + Math.floor(i / N)]);
}

export async function trainOneToMany(task: OneToManyTask, evalInputs: F64, o: { seed: number; steps: number }) {
  const rng = makeRng(`one-to-many:${o.seed}`);
  const [N, D] = task.inputs.shape;
  const T = task.length, C = task.classes, H = HIDDEN;
  const Wx = randn(D * H, 1, rng), Wh = randn(H * H, 1 / Math.sqrt(H), rng), b = new Float64Array(H);
  const r: Readout = { Wy: randn(H * C, 1 / Math.sqrt(H), rng), by: new Float64Array(C), H, C };
  const adam = makeAdam([Wx, Wh, b, r.Wy, r.by], 0.01, 5);
  const x = unrollInputs(task.inputs, T);
  const h0 = { data: new Float64Array(N * H), shape: [N, H] };
  const targets = timeMajor(task.targets, N, T);
  const loss: number[] = [];
  for (let step = 0; step < o.steps; step++) {
    const f = rnnForward(x, h0, { data: Wx, shape: [D, H] }, { data: Wh, shape: [H, H] }, { data: b, shape: [H] });
    const out = readoutLoss(r, f.h.data, targets);
    const g = rnnBackward({ data: out.dh, shape: [T, N, H] }, f.cache, false);
    adam.step([g.dWx.data, g.dWh.data, g.db.data, out.dWy, out.dby]);
    if (step % 10 === 0 || step === o.steps - 1) loss.push(out.loss);
  }
  const M = evalInputs.shape[0];
  const f = rnnForward(unrollInputs(evalInputs, T), { data: new Float64Array(M * H), shape: [M, H] },
    { data: Wx, shape: [D, H] }, { data: Wh, shape: [H, H] }, { data: b, shape: [H] });
  const p = readoutProbs(r, f.h.data, T * M);
  const evalPredictions = new Int32Array(M * T);
  for (let t = 0; t < T; t++) for (let m = 0; m < M; m++) {
    const row = (t * M + m) * C;
    let best = 0;
    for (let c = 1; c < C; c++) if (p[row + c] > p[row + best]) best = c;
    evalPredictions[m * T + t] = best;
  }
  return { loss, evalPredictions };
}
