// Multinomial naive Bayes with additive (Laplace) smoothing, in float64 JavaScript.
import type { Headlines, NaiveBayesModel } from '../../src/contracts/iust-p1-probabilistic.ts';
import { iustP1Probabilistic } from '../../src/kit.ts';

const { tokenize } = iustP1Probabilistic; // the contract's tokenizer

export function naiveBayesFit(train: Headlines, alpha: number): NaiveBayesModel {
  const C = train.classes;
  const index = new Map<string, number>();
  const perClass: Array<Map<number, number>> = Array.from({ length: C }, () => new Map());
  const docs = new Float64Array(C); // headlines per class
  const words = new Float64Array(C); // tokens per class
  train.texts.forEach((text, i) => {
    const c = train.labels[i];
    docs[c]++;
    for (const w of tokenize(text)) {
      if (!index.has(w)) index.set(w, index.size);
      const v = index.get(w)!;
      perClass[c].set(v, (perClass[c].get(v) ?? 0) + 1);
      words[c]++;
    }
  });
  const V = index.size;
  const logLikelihood = new Float64Array(C * V); // [C, V]
  for (let c = 0; c < C; c++) {
    // A word never seen in class c still gets alpha / (N_w(c) + alpha V) > 0: that is the smoothing.
    const logDenominator = Math.log(words[c] + alpha * V);
    for (let v = 0; v < V; v++) logLikelihood[c * V + v] = Math.log((perClass[c].get(v) ?? 0) + alpha) - logDenominator;
  }
  const n = train.texts.length;
  return {
    vocabulary: [...index.keys()],
    logPrior: Float64Array.from(docs, (d) => Math.log(d / n)),
    logLikelihood: { data: logLikelihood, shape: [C, V] },
  };
}

export function naiveBayesPredict(model: NaiveBayesModel, texts: string[]) {
  const [C, V] = model.logLikelihood.shape;
  const index = new Map(model.vocabulary.map((w, v) => [w, v]));
  const logPosterior = new Float64Array(texts.length * C); // [n, C]
  const predictions = new Int32Array(texts.length);
  texts.forEach((text, i) => {
    const row = Float64Array.from(model.logPrior);
    for (const w of tokenize(text)) {
      const v = index.get(w);
      if (v === undefined) continue; // outside the training vocabulary: no parameter, skipped
      for (let c = 0; c < C; c++) row[c] += model.logLikelihood.data[c * V + v];
    }
    const max = Math.max(...row);
    const logZ = max + Math.log(row.reduce((s, r) => s + Math.exp(r - max), 0));
    let best = 0;
    for (let c = 0; c < C; c++) {
      logPosterior[i * C + c] = row[c] - logZ;
      if (row[c] > row[best]) best = c;
    }
    predictions[i] = best;
  });
  return { logPosterior: { data: logPosterior, shape: [texts.length, C] }, predictions };
}
