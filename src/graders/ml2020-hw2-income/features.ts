// Grader-side features for ml2020-hw2-income: UCI Adult records -> the homework's kind of matrix.
// Numeric columns are standardised with the training split's mean and std; every categorical column
// becomes one-hot over the categories seen in training (a missing '?' is a category of its own; a
// category seen only in the test file gets all zeros). Also the seeded train / validation split.
import type { AdultSplit } from '../../data/index.ts';
import { makeRng, permutation } from '../../engine/seed.ts';
import type { Array2 } from '../../grading/types.ts';

export interface Encoder {
  names: string[]; // [D] column names: 'age', 'workclass=Private', ...
  encode(split: AdultSplit, rows?: ArrayLike<number>): { x: Array2<Float64Array>; y: Float64Array };
}

const MISSING = '?';

/** Fits the encoding (categories, means, stds) on the given training rows of `split`. */
export function fitEncoder(split: AdultSplit, rows: ArrayLike<number>): Encoder {
  const cols = split.columns.map((name, c) => {
    if (split.kinds[c] === 'numeric') {
      let s = 0, s2 = 0;
      for (let k = 0; k < rows.length; k++) { const v = split.rows[rows[k]][c] as number; s += v; s2 += v * v; }
      const mean = s / rows.length;
      const std = Math.sqrt(Math.max(s2 / rows.length - mean * mean, 0)) || 1;
      return { name, numeric: true as const, mean, std, cats: [] as string[] };
    }
    const seen = new Set<string>();
    for (let k = 0; k < rows.length; k++) seen.add(String(split.rows[rows[k]][c] ?? MISSING));
    return { name, numeric: false as const, mean: 0, std: 1, cats: [...seen].sort() };
  });
  const names = cols.flatMap((c) => (c.numeric ? [c.name] : c.cats.map((v) => `${c.name}=${v}`)));
  const offsets: number[] = [];
  cols.reduce((o, c) => (offsets.push(o), o + (c.numeric ? 1 : c.cats.length)), 0);
  const index = cols.map((c) => new Map(c.cats.map((v, i) => [v, i])));
  const d = names.length;
  return {
    names,
    encode(s, rows) {
      const idx = rows ?? Array.from({ length: s.rows.length }, (_, i) => i);
      const x = new Float64Array(idx.length * d); // [N, D]
      const y = new Float64Array(idx.length);
      for (let k = 0; k < idx.length; k++) {
        const rec = s.rows[idx[k]];
        cols.forEach((c, ci) => {
          const v = rec[ci];
          if (c.numeric) x[k * d + offsets[ci]] = ((v as number) - c.mean) / c.std;
          else {
            const j = index[ci].get(String(v ?? MISSING));
            if (j !== undefined) x[k * d + offsets[ci] + j] = 1;
          }
        });
        y[k] = s.labels[idx[k]];
      }
      return { x: { data: x, shape: [idx.length, d] }, y };
    },
  };
}

/** A seeded split of 0..n-1 into training and validation rows (validation: `fraction` of n). */
export function trainValidationSplit(n: number, fraction: number, seed: number): { train: Int32Array; validation: Int32Array } {
  const p = permutation(n, makeRng(`adult-split:${seed}`));
  const nv = Math.round(fraction * n);
  return { validation: p.slice(0, nv).sort(), train: p.slice(nv).sort() };
}
