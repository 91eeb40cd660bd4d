// The softmax readout every sequence model here shares: logits = h Wy + by for each of the rows of
// h [R, H] (R = T * N), cross-entropy against targets [R], and its backward pass.
export interface Readout { Wy: Float64Array; by: Float64Array; H: number; C: number } // Wy [H, C], by [C]

/** Probabilities [R, C] of h [R * H]. */
export function readoutProbs(r: Readout, h: Float64Array, rows: number): Float64Array {
  const { Wy, by, H, C } = r;
  const p = new Float64Array(rows * C);
  for (let i = 0; i < rows; i++) {
    const o = i * C;
    p.set(by, o);
    for (let k = 0; k < H; k++) {
      const hv = h[i * H + k];
      const row = k * C;
      for (let c = 0; c < C; c++) p[o + c] += hv * Wy[row + c];
    }
    let max = -Infinity, z = 0;
    for (let c = 0; c < C; c++) max = Math.max(max, p[o + c]);
    for (let c = 0; c < C; c++) z += (p[o + c] = Math.exp(p[o + c] - max));
    for (let c = 0; c < C; c++) p[o + c] /= z;
  }
  return p;
}

/** Mean cross-entropy over the rows, dh [R * H] and the readout's gradients. */
export function readoutLoss(r: Readout, h: Float64Array, targets: ArrayLike<number>) {
  const { Wy, H, C } = r;
  const rows = targets.length;
  const p = readoutProbs(r, h, rows);
  const dWy = new Float64Array(H * C), dby = new Float64Array(C), dh = new Float64Array(rows * H);
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * C;
    loss -= Math.log(Math.max(p[o + targets[i]], 1e-300)) / rows;
    p[o + targets[i]] -= 1; // now dlogits * rows
    for (let c = 0; c < C; c++) { p[o + c] /= rows; dby[c] += p[o + c]; }
    for (let k = 0; k < H; k++) {
      const hv = h[i * H + k];
      const row = k * C;
      let s = 0;
      for (let c = 0; c < C; c++) { dWy[row + c] += hv * p[o + c]; s += Wy[row + c] * p[o + c]; }
      dh[i * H + k] = s;
    }
  }
  return { loss, dh, dWy, dby };
}
