// Skip-gram with negative sampling (Mikolov et al. 2013) in plain JavaScript: each word predicts
// the words within a random window around it; each true (word, context) pair is pushed together
// and `negatives` words drawn from the unigram^0.75 distribution are pushed apart, by SGD on
// log sigmoid(u . v) + sum log sigmoid(-u . v_neg), with a learning rate decaying linearly to ~0.
import type { SkipGramOptions } from '../../src/contracts/iust-p6-metrics-ssl.ts';
import { iustP6MetricsSsl, makeRng } from '../../src/kit.ts';

const { tokenize } = iustP6MetricsSsl; // the contract's tokenizer

const LR0 = 0.05, SUBSAMPLE = 1e-3, TABLE = 1 << 20;

const sigmoid = (z: number) => (z > 8 ? 1 : z < -8 ? 0 : 1 / (1 + Math.exp(-z)));

export async function trainSkipGram(texts: string[], o: SkipGramOptions) {
  const rng = makeRng(`word2vec:${o.seed}`);
  const tokenized = texts.map(tokenize);
  const counts = new Map<string, number>();
  for (const t of tokenized) for (const w of t) counts.set(w, (counts.get(w) ?? 0) + 1);
  const vocab = [...counts.entries()].filter(([, c]) => c >= o.minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const id = new Map(vocab.map((w, i) => [w, i]));
  const freq = Float64Array.from(vocab, (w) => counts.get(w)!);
  const total = freq.reduce((a, b) => a + b, 0);
  const sentences = tokenized.map((t) => Int32Array.from(t.filter((w) => id.has(w)), (w) => id.get(w)!));
  // Negative-sampling table: word k fills a share of it proportional to count^0.75.
  const table = new Int32Array(TABLE);
  const pow = freq.map((c) => c ** 0.75), z = pow.reduce((a, b) => a + b, 0);
  for (let k = 0, at = 0, acc = 0; k < vocab.length; k++) { acc += pow[k] / z; const end = Math.min(TABLE, Math.round(acc * TABLE)); table.fill(k, at, end); at = end; }
  const V = vocab.length, D = o.dim;
  const win = Float64Array.from({ length: V * D }, () => (rng() - 0.5) / D), wout = new Float64Array(V * D);
  const grad = new Float64Array(D);
  const keep = freq.map((c) => Math.min(1, Math.sqrt(SUBSAMPLE / (c / total)) + SUBSAMPLE / (c / total))); // word2vec's subsampling
  const steps = o.epochs * sentences.reduce((s, x) => s + x.length, 0);
  let done = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const raw of sentences) {
      const s = raw.filter((w) => rng() < keep[w]);
      done += raw.length;
      const lr = Math.max(LR0 * (1 - done / steps), LR0 * 1e-4);
      for (let i = 0; i < s.length; i++) {
        const b = 1 + Math.floor(rng() * o.window); // dynamic window: near words count more
        for (let j = Math.max(0, i - b); j <= Math.min(s.length - 1, i + b); j++) {
          if (j === i) continue;
          const u = s[j] * D; // the context word's input vector predicts the centre word
          grad.fill(0);
          for (let k = 0; k <= o.negatives; k++) {
            const target = k === 0 ? s[i] : table[Math.floor(rng() * TABLE)];
            if (k > 0 && target === s[i]) continue;
            const v = target * D;
            let dot = 0;
            for (let d = 0; d < D; d++) dot += win[u + d] * wout[v + d];
            const g = lr * ((k === 0 ? 1 : 0) - sigmoid(dot));
            for (let d = 0; d < D; d++) { grad[d] += g * wout[v + d]; wout[v + d] += g * win[u + d]; }
          }
          for (let d = 0; d < D; d++) win[u + d] += grad[d];
        }
      }
    }
  }
  return { vocab, vectors: { data: Float32Array.from(win), shape: [V, D] } };
}
