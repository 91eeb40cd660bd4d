// Vanilla RNN forward and backpropagation through time in float64 JavaScript, cs231n style:
// forward returns {h, cache}, backward takes the upstream gradient of every hidden state.
//   h_t = tanh(x_t Wx + h_{t-1} Wh + b)      x [T, N, D], h0 [N, H], Wx [D, H], Wh [H, H], b [H]
import type { F64, RnnGradients } from '../../src/contracts/iust-p5-rnn-attention.ts';

export interface RnnCache { x: F64; h0: F64; Wx: F64; Wh: F64; h: Float64Array } // h [T, N, H]

export function rnnForward(x: F64, h0: F64, Wx: F64, Wh: F64, b: F64): { h: F64; cache: RnnCache } {
  const [T, N, D] = x.shape;
  const H = h0.shape[1];
  const h = new Float64Array(T * N * H);
  const z = new Float64Array(H);
  const xd = x.data, wx = Wx.data, wh = Wh.data, bd = b.data, h0d = h0.data; // locals keep the loops monomorphic
  for (let t = 0; t < T; t++) {
    for (let n = 0; n < N; n++) {
      const prev = t === 0 ? h0d : h;
      const po = t === 0 ? n * H : ((t - 1) * N + n) * H;
      for (let j = 0; j < H; j++) z[j] = bd[j];
      const xo = (t * N + n) * D;
      for (let d = 0; d < D; d++) {
        const xv = xd[xo + d];
        if (xv === 0) continue; // one-hot inputs cost one row
        const row = d * H;
        for (let j = 0; j < H; j++) z[j] += xv * wx[row + j];
      }
      for (let i = 0; i < H; i++) {
        const pv = prev[po + i];
        if (pv === 0) continue;
        const row = i * H;
        for (let j = 0; j < H; j++) z[j] += pv * wh[row + j];
      }
      const ho = (t * N + n) * H;
      for (let j = 0; j < H; j++) h[ho + j] = Math.tanh(z[j]);
    }
  }
  return { h: { data: h, shape: [T, N, H] }, cache: { x, h0, Wx, Wh, h } };
}

/** dh [T, N, H] -> gradients; withDx=false skips dx (a language model over one-hot inputs needs none). */
export function rnnBackward(dh: F64, cache: RnnCache, withDx = true): RnnGradients {
  const { x, h0, Wx, Wh, h } = cache;
  const [T, N, D] = x.shape;
  const H = h0.shape[1];
  const dx = new Float64Array(withDx ? T * N * D : 0);
  const dWx = new Float64Array(D * H), dWh = new Float64Array(H * H), db = new Float64Array(H);
  const dnext = new Float64Array(N * H); // dLoss/dh_{t} flowing back from step t+1
  const dz = new Float64Array(H);
  const xd = x.data, wx = Wx.data, wh = Wh.data, dhd = dh.data, h0d = h0.data;
  for (let t = T - 1; t >= 0; t--) {
    for (let n = 0; n < N; n++) {
      const ho = (t * N + n) * H;
      for (let j = 0; j < H; j++) dz[j] = (dhd[ho + j] + dnext[n * H + j]) * (1 - h[ho + j] * h[ho + j]);
      for (let j = 0; j < H; j++) db[j] += dz[j];
      const xo = (t * N + n) * D;
      for (let d = 0; d < D; d++) {
        const xv = xd[xo + d];
        const row = d * H;
        if (xv !== 0) for (let j = 0; j < H; j++) dWx[row + j] += xv * dz[j];
        if (withDx) {
          let s = 0;
          for (let j = 0; j < H; j++) s += wx[row + j] * dz[j];
          dx[xo + d] = s;
        }
      }
      const prev = t === 0 ? h0d : h;
      const po = t === 0 ? n * H : ho - N * H;
      for (let i = 0; i < H; i++) {
        const row = i * H;
        const pv = prev[po + i];
        let s = 0;
        for (let j = 0; j < H; j++) { dWh[row + j] += pv * dz[j]; s += wh[row + j] * dz[j]; }
        dnext[n * H + i] = s;
      }
    }
  }
  return {
    dx: { data: dx, shape: [T, N, D] }, dh0: { data: dnext, shape: [N, H] },
    dWx: { data: dWx, shape: [D, H] }, dWh: { data: dWh, shape: [H, H] }, db: { data: db, shape: [H] },
  };
}
