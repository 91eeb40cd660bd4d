// The grader's test of word vectors: on held-out AG News text the solution never saw, pairs of
// words that co-occur within 2 tokens should be closer (cosine) than pairs drawn independently
// from the same held-out token stream (so both sides have the same word frequencies), leaving out the
// most frequent words (with those removed, "within 2 tokens" spans a little more text). The score is
// the AUC: the probability that a co-occurring pair beats a random pair.
import { tokenize, type WordVectors } from '../../contracts/iust-p6-metrics-ssl.ts';
import { makeRng } from '../../engine/seed.ts';

/**
 * Cosine similarity of mean-centred vectors. Skip-gram vectors share a large common component (all
 * pairwise cosines near 0.8 here), which says nothing about which words go together; removing the
 * mean vector first is the usual post-processing ("all-but-the-top", Mu & Viswanath 2018, step 1).
 */
export function cosineLookup(wv: WordVectors) {
  const [V, D] = wv.vectors.shape;
  const id = new Map(wv.vocab.map((w, i) => [w, i]));
  const mean = new Float64Array(D);
  for (let i = 0; i < V * D; i++) mean[i % D] += wv.vectors.data[i] / V;
  const x = Float64Array.from(wv.vectors.data, (v, i) => v - mean[i % D]); // [V, D]
  const norms = Float64Array.from({ length: V }, (_, i) => Math.hypot(...x.subarray(i * D, (i + 1) * D)) || 1);
  const cos = (a: number, b: number) => {
    let s = 0;
    for (let d = 0; d < D; d++) s += x[a * D + d] * x[b * D + d];
    return s / (norms[a] * norms[b]);
  };
  return { id, cos, V };
}

/** Function words co-occur with everything: the `skipTop` most frequent held-out words take no part. */
export function cooccurrenceAuc(wv: WordVectors, heldOut: string[], pairs: number, seed: number, skipTop = 100) {
  const { id, cos } = cosineLookup(wv);
  const rng = makeRng(`cooccurrence:${seed}`);
  const counts = new Map<string, number>();
  for (const t of heldOut) for (const w of tokenize(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const top = new Set([...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, skipTop).map(([w]) => w));
  const streams = heldOut.map((t) => tokenize(t).filter((w) => id.has(w) && !top.has(w)).map((w) => id.get(w)!));
  const near: number[] = [], all = streams.flat();
  streams.forEach((s) => s.forEach((w, i) => { for (let j = i + 1; j <= i + 2 && j < s.length; j++) if (s[j] !== w) near.push(w, s[j]); }));
  const pos: number[] = [], neg: number[] = [];
  for (let k = 0; k < pairs; k++) {
    const p = 2 * Math.floor(rng() * (near.length / 2));
    pos.push(cos(near[p], near[p + 1]));
    let a = 0, b = 0;
    while (a === b) { a = all[Math.floor(rng() * all.length)]; b = all[Math.floor(rng() * all.length)]; }
    neg.push(cos(a, b));
  }
  return { auc: auc(pos, neg), meanCooccurring: mean(pos), meanRandom: mean(neg), candidatePairs: near.length / 2 };
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/** Mann-Whitney AUC: P(pos > neg) + P(tie) / 2. */
export function auc(pos: number[], neg: number[]): number {
  const all = [...pos.map((v) => [v, 1]), ...neg.map((v) => [v, 0])].sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j][0] === all[i][0]) j++;
    const rank = (i + j + 1) / 2; // mean 1-based rank of the tie group
    for (let k = i; k < j; k++) if (all[k][1] === 1) rankSum += rank;
    i = j;
  }
  return (rankSum - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}

/** The k nearest words (cosine) of each query word in the vocabulary. */
export function neighbours(wv: WordVectors, queries: string[], k = 5): Record<string, string[]> {
  const { id, cos, V } = cosineLookup(wv);
  const out: Record<string, string[]> = {};
  for (const q of queries) {
    const a = id.get(q);
    if (a === undefined) continue;
    const scored = Array.from({ length: V }, (_, b) => [b, b === a ? -Infinity : cos(a, b)]).sort((x, y) => y[1] - x[1]);
    out[q] = scored.slice(0, k).map(([b]) => wv.vocab[b]);
  }
  return out;
}
