// Confusion counts at many thresholds in O((N + K) log N): sort the scores once, then for each
// threshold count the scores at or above it by binary search, positives by a prefix sum.
import type { Constraint, OperatingPoint } from '../../src/contracts/iust-p6-metrics-ssl.ts';

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b); // zero_division = 0

function sortedByScore(scores: Float64Array, labels: Uint8Array) {
  const order = Array.from(scores.keys()).sort((a, b) => scores[a] - scores[b]);
  const sorted = Float64Array.from(order, (i) => scores[i]); // ascending
  const posAbove = new Int32Array(order.length + 1); // posAbove[i]: positives among sorted[i..]
  for (let i = order.length - 1; i >= 0; i--) posAbove[i] = posAbove[i + 1] + (labels[order[i]] ? 1 : 0);
  return { sorted, posAbove };
}

/** First index i with sorted[i] >= t. */
function lowerBound(sorted: Float64Array, t: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] < t) lo = mid + 1; else hi = mid; }
  return lo;
}

export function confusionAtThresholds(scores: Float64Array, labels: Uint8Array, thresholds: Float64Array) {
  const { sorted, posAbove } = sortedByScore(scores, labels);
  const n = scores.length, P = posAbove[0], K = thresholds.length;
  const out = {
    tp: new Int32Array(K), fp: new Int32Array(K), tn: new Int32Array(K), fn: new Int32Array(K),
    precision: new Float64Array(K), recall: new Float64Array(K), f1: new Float64Array(K),
  };
  thresholds.forEach((t, k) => {
    const i = lowerBound(sorted, t);
    const tp = posAbove[i], predicted = n - i;
    out.tp[k] = tp; out.fp[k] = predicted - tp; out.fn[k] = P - tp; out.tn[k] = n - predicted - (P - tp);
    out.precision[k] = ratio(tp, predicted);
    out.recall[k] = ratio(tp, P);
    out.f1[k] = ratio(2 * out.precision[k] * out.recall[k], out.precision[k] + out.recall[k]);
  });
  return out;
}

export function operatingPoint(scores: Float64Array, labels: Uint8Array, c: Constraint): OperatingPoint {
  const candidates = Float64Array.from(new Set(scores)).sort(); // ascending distinct scores
  const m = confusionAtThresholds(scores, labels, candidates);
  let pick = -1;
  for (let k = 0; k < candidates.length; k++) {
    if (c.metric === 'precision') {
      if (m.precision[k] >= c.atLeast) { pick = k; break; } // smallest such threshold
    } else if (m.recall[k] >= c.atLeast && (pick < 0 || m.precision[k] >= m.precision[pick])) pick = k; // >=: larger wins ties
  }
  return pick < 0 ? { threshold: null, precision: 0, recall: 0 } : { threshold: candidates[pick], precision: m.precision[pick], recall: m.recall[pick] };
}
