// Gradient checking: central differences in float64 JavaScript against an analytic gradient.
// The comparison is norm-based, ||g - n|| / (||g|| + ||n||), because an elementwise max relative
// error is dominated by near-zero components and fails spuriously in float32.

export interface GradientCheckResult {
  relativeError: number; // norm-based, over the probed coordinates
  probed: number; // how many coordinates were checked
  worst: { index: number; analytic: number; numeric: number };
}

export interface GradientCheckOptions {
  eps?: number; // step of the central difference (default 1e-5)
  /** Check only this many coordinates, chosen by `pick` (all when omitted). */
  probes?: number;
  pick?: () => number; // uniform in [0,1), seeded by the caller
  /** Lower bound of the denominator, so that vanishing gradients compare absolutely (default 1e-4: a gradient whose norm is below it is compared absolutely; central differences in float64 carry about 1e-11 of noise). */
  floor?: number;
}

/** f maps parameters [P] to a scalar; analytic is the claimed gradient [P] at x. */
export async function gradientCheck(
  f: (x: Float64Array) => number | Promise<number>, x: Float64Array, analytic: ArrayLike<number>,
  opts: GradientCheckOptions = {},
): Promise<GradientCheckResult> {
  const eps = opts.eps ?? 1e-5;
  if (analytic.length !== x.length) {
    throw new Error(`gradient has ${analytic.length} components for ${x.length} parameters`);
  }
  const indices = chooseIndices(x.length, opts);
  let diff2 = 0, a2 = 0, n2 = 0;
  let worst = { index: -1, analytic: 0, numeric: 0, gap: -1 };
  for (const i of indices) {
    const xp = Float64Array.from(x); xp[i] += eps;
    const xm = Float64Array.from(x); xm[i] -= eps;
    const numeric = ((await f(xp)) - (await f(xm))) / (2 * eps);
    const a = Number(analytic[i]);
    const gap = Math.abs(a - numeric);
    diff2 += gap * gap; a2 += a * a; n2 += numeric * numeric;
    if (gap > worst.gap) worst = { index: i, analytic: a, numeric, gap };
  }
  const denom = Math.max(Math.sqrt(a2) + Math.sqrt(n2), opts.floor ?? 1e-4);
  const relativeError = Math.sqrt(diff2) / denom;
  return { relativeError, probed: indices.length, worst: { index: worst.index, analytic: worst.analytic, numeric: worst.numeric } };
}

function chooseIndices(n: number, opts: GradientCheckOptions): number[] {
  if (!opts.probes || opts.probes >= n) return Array.from({ length: n }, (_, i) => i);
  // Partial Fisher-Yates: `probes` distinct coordinates, whatever the generator returns.
  const pick = opts.pick ?? Math.random;
  const all = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < opts.probes; i++) {
    const j = i + Math.floor(pick() * (n - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, opts.probes);
}
