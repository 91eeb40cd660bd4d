// The grader's own naive Bayes: a stratified train/test split of the AG News headlines (the mirror
// has only the 7,600-row test.csv), the Laplace-smoothed estimates from its own word counts, and the
// comparison of a solution's model with them word by word.
import { tokenize, type Headlines, type NaiveBayesModel } from '../../contracts/iust-p1-probabilistic.ts';
import type { AgNewsSet } from '../../data/index.ts';
import { makeRng, permutation } from '../../engine/seed.ts';
import { RequirementFailed } from '../../grading/errors.ts';

export interface HeadlineSplit { train: Headlines; test: Headlines; classNames: string[] }

/** Headlines (titles) split per class by a seeded permutation: testFraction of each class to test. */
export function splitHeadlines(set: AgNewsSet, testFraction: number, seed: number): HeadlineSplit {
  const classes = set.classNames.length;
  const rng = makeRng(`iust-p1:split:${seed}`);
  const train: number[] = [];
  const test: number[] = [];
  for (let c = 0; c < classes; c++) {
    const members = [...set.labels.keys()].filter((i) => set.labels[i] === c);
    const perm = permutation(members.length, rng);
    const nTest = Math.round(testFraction * members.length);
    perm.forEach((j, k) => (k < nTest ? test : train).push(members[j]));
  }
  const pick = (idx: number[]): Headlines => {
    idx.sort((a, b) => a - b);
    return { texts: idx.map((i) => set.titles[i]), labels: Int32Array.from(idx, (i) => set.labels[i]), classes };
  };
  return { train: pick(train), test: pick(test), classNames: set.classNames };
}

export interface ReferenceModel {
  logPrior: Float64Array; // [C]
  logLikelihood: Map<string, Float64Array>; // word -> [C]
  counts: Map<string, Float64Array>; // word -> [C] occurrences per class
}

export function referenceNaiveBayes(train: Headlines, alpha: number): ReferenceModel {
  const C = train.classes;
  const counts = new Map<string, Float64Array>();
  const docs = new Float64Array(C);
  const words = new Float64Array(C);
  train.texts.forEach((t, i) => {
    const c = train.labels[i];
    docs[c]++;
    for (const w of tokenize(t)) {
      if (!counts.has(w)) counts.set(w, new Float64Array(C));
      counts.get(w)![c]++;
      words[c]++;
    }
  });
  const V = counts.size;
  const logLikelihood = new Map<string, Float64Array>();
  for (const [w, k] of counts) logLikelihood.set(w, k.map((n, c) => Math.log((n + alpha) / (words[c] + alpha * V))));
  return { logPrior: docs.map((d) => Math.log(d / train.texts.length)), logLikelihood, counts };
}

/** Log posteriors [n, C] of texts under the reference model (out-of-vocabulary words skipped). */
export function referencePosterior(ref: ReferenceModel, texts: string[]): Float64Array {
  const C = ref.logPrior.length;
  const out = new Float64Array(texts.length * C);
  texts.forEach((t, i) => {
    const row = Float64Array.from(ref.logPrior);
    for (const w of tokenize(t)) ref.logLikelihood.get(w)?.forEach((l, c) => { row[c] += l; });
    const max = Math.max(...row);
    const logZ = max + Math.log(row.reduce((s, r) => s + Math.exp(r - max), 0));
    row.forEach((r, c) => { out[i * C + c] = r - logZ; });
  });
  return out;
}

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * (1 + Math.abs(b));

/** Throws RequirementFailed naming the first word (and class) whose estimate differs from the reference. */
export function compareModel(model: NaiveBayesModel, ref: ReferenceModel, alpha: number, tol = 1e-9): void {
  const C = ref.logPrior.length;
  const V = ref.logLikelihood.size;
  if (model.vocabulary.length !== V || new Set(model.vocabulary).size !== V) {
    throw new RequirementFailed(`vocabulary has ${model.vocabulary.length} entries (${new Set(model.vocabulary).size} distinct); the training headlines have ${V} distinct words`);
  }
  for (let c = 0; c < C; c++) {
    if (!close(model.logPrior[c], ref.logPrior[c], tol)) throw new RequirementFailed(`log P(class ${c}) = ${model.logPrior[c]}, expected ${ref.logPrior[c]} (the class's share of training headlines)`);
  }
  model.vocabulary.forEach((w, v) => {
    const expected = ref.logLikelihood.get(w);
    if (!expected) throw new RequirementFailed(`vocabulary word "${w}" does not occur in the training headlines`);
    for (let c = 0; c < C; c++) {
      const got = model.logLikelihood.data[c * V + v];
      if (!close(got, expected[c], tol)) {
        throw new RequirementFailed(`log P("${w}" | class ${c}) = ${got}, expected ${expected[c]}: the word occurs ${ref.counts.get(w)![c]} time(s) in class ${c}, smoothed with alpha ${alpha}`);
      }
    }
  });
}
