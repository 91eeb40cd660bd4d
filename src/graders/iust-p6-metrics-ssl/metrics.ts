// Brute-force references for the metrics part: count every example at every threshold, and try
// every candidate threshold for an operating point. Slow and obviously right.
import type { Constraint, OperatingPoint } from '../../contracts/iust-p6-metrics-ssl.ts';
import { gaussian, makeRng } from '../../engine/seed.ts';

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function bruteCounts(scores: ArrayLike<number>, labels: ArrayLike<number>, t: number) {
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = scores[i] >= t, actual = labels[i] === 1;
    if (predicted && actual) tp++; else if (predicted) fp++; else if (actual) fn++; else tn++;
  }
  const precision = ratio(tp, tp + fp), recall = ratio(tp, tp + fn);
  return { tp, fp, tn, fn, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
}

export function bruteOperatingPoint(scores: ArrayLike<number>, labels: ArrayLike<number>, c: Constraint): OperatingPoint {
  const candidates = [...new Set(Array.from(scores))].sort((a, b) => a - b);
  const ok = candidates.map((t) => ({ t, ...bruteCounts(scores, labels, t) })).filter((m) => m[c.metric] >= c.atLeast);
  if (ok.length === 0) return { threshold: null, precision: 0, recall: 0 };
  const best = c.metric === 'precision' ? ok[0]
    : ok.reduce((b, m) => (m.precision > b.precision || (m.precision === b.precision && m.t > b.t) ? m : b));
  return { threshold: best.t, precision: best.precision, recall: best.recall };
}

/** A detector's scores: positives ~ N(separation, 1), negatives ~ N(0, 1); prevalence of positives. */
export function detectorScores(n: number, prevalence: number, separation: number, seed: number) {
  const rng = makeRng(`detector:${seed}`);
  const labels = Uint8Array.from({ length: n }, () => (rng() < prevalence ? 1 : 0));
  const scores = Float64Array.from(labels, (l) => gaussian(rng) + l * separation);
  return { scores, labels };
}
