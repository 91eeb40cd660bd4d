// The character corpus for the language model: English sentences of cmn.txt, deduplicated, split
// by a seeded shuffle into training and held-out sentences; the vocabulary is '\n' plus every
// character of the training sentences (held-out sentences with other characters are dropped). The
// grader's unigram baseline and the perplexity of the solution's distributions live here too.
import type { CharCorpus } from '../../contracts/iust-p5-rnn-attention.ts';
import { makeRng, permutation } from '../../engine/seed.ts';
import { RequirementFailed } from '../../grading/errors.ts';

export function charCorpus(sentences: string[], heldOutCount: number, seed: number): CharCorpus & { heldOut: string[] } {
  const unique = [...new Set(sentences.map((s) => s.trim()).filter((s) => s.length > 0))];
  const order = permutation(unique.length, makeRng(`char-corpus:${seed}`));
  const held = Array.from(order.subarray(0, heldOutCount), (i) => unique[i]);
  const train = Array.from(order.subarray(heldOutCount), (i) => unique[i]);
  const chars = new Set<string>();
  for (const s of train) for (const c of s) chars.add(c);
  const vocab = ['\n', ...[...chars].sort()];
  return { train, vocab, heldOut: held.filter((s) => [...s].every((c) => chars.has(c))) };
}

/** Targets of every held-out row: each character of each sentence, then '\n' (index 0). */
export function heldOutTargets(heldOut: string[], vocab: string[]): Int32Array {
  const index = new Map(vocab.map((c, i) => [c, i]));
  return Int32Array.from(heldOut.flatMap((s) => [...Array.from(s, (c) => index.get(c)!), 0]));
}

/** Add-one unigram over the training targets (characters and sentence ends): [V]. */
export function unigram(train: string[], vocab: string[]): Float64Array {
  const index = new Map(vocab.map((c, i) => [c, i]));
  const counts = new Float64Array(vocab.length).fill(1);
  for (const s of train) {
    for (const c of s) counts[index.get(c)!]++;
    counts[0]++;
  }
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => c / total);
}

/** exp(mean -log p[target]) over rows of probs [R, V]. */
export function perplexity(probs: ArrayLike<number>, V: number, targets: Int32Array): number {
  let nll = 0;
  for (let r = 0; r < targets.length; r++) nll -= Math.log(Math.max(probs[r * V + targets[r]], 1e-12));
  return Math.exp(nll / targets.length);
}

/** Fraction of rows whose most probable character is the right one. */
export function top1Accuracy(probs: ArrayLike<number>, V: number, targets: Int32Array): number {
  let ok = 0;
  for (let r = 0; r < targets.length; r++) {
    let best = 0;
    for (let c = 1; c < V; c++) if (probs[r * V + c] > probs[r * V + best]) best = c;
    if (best === targets[r]) ok++;
  }
  return ok / targets.length;
}

/** Every row of probs [R, V] must be a distribution: nonnegative, summing to 1 (float32 rounding allowed). */
export function checkDistributions(probs: ArrayLike<number>, V: number): void {
  for (let r = 0; r * V < probs.length; r++) {
    let s = 0;
    for (let c = 0; c < V; c++) {
      const p = probs[r * V + c];
      if (!(p >= 0)) throw new RequirementFailed(`probabilities row ${r} has ${p} at character ${c}; probabilities must be >= 0`);
      s += p;
    }
    if (Math.abs(s - 1) > 1e-4) throw new RequirementFailed(`probabilities row ${r} sums to ${s}, not 1`);
  }
}
