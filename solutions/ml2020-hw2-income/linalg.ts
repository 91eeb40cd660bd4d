// Solving Sigma w = v for the generative model. The pooled covariance of one-hot columns is singular
// (each categorical group's columns sum to 1), so, like the homework's pseudo-inverse, we solve with a
// tiny ridge: mu1 - mu0 has no component along those null directions, so the ridge barely moves w.

/** Solves (a + ridge I) z = b for symmetric positive semi-definite a [P, P] by Cholesky. */
export function solveSpd(a: Float64Array, b: Float64Array, p: number): Float64Array {
  let trace = 0;
  for (let i = 0; i < p; i++) trace += a[i * p + i];
  const ridge = 1e-10 * Math.max(trace / p, 1e-300);
  const l = new Float64Array(p * p); // lower-triangular factor
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j] + (i === j ? ridge : 0);
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      // Round-off can leave a null direction's pivot a hair below zero: clamp it to the ridge.
      l[i * p + j] = i === j ? Math.sqrt(Math.max(s, ridge)) : s / l[j * p + j];
    }
  }
  const z = Float64Array.from(b);
  for (let i = 0; i < p; i++) { for (let k = 0; k < i; k++) z[i] -= l[i * p + k] * z[k]; z[i] /= l[i * p + i]; }
  for (let i = p - 1; i >= 0; i--) { for (let k = i + 1; k < p; k++) z[i] -= l[k * p + i] * z[k]; z[i] /= l[i * p + i]; }
  return z;
}
