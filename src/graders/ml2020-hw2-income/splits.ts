// The three encoded splits ml2020-hw2-income grades on: a seeded 90 / 10 train / validation split
// of adult.data (the homework's sample held out 10% the same way) and adult.test as the test set,
// all encoded with statistics and categories of the training rows only.
import type { AdultSplit } from '../../data/index.ts';
import { makeRng, permutation } from '../../engine/seed.ts';
import type { Array2 } from '../../grading/types.ts';
import { fitEncoder, trainValidationSplit } from './features.ts';

export interface Labelled {
  x: Array2<Float64Array>; // [N, D]
  y: Float64Array; // [N], 1 = '>50K'
}

export interface IncomeSplits {
  train: Labelled;
  validation: Labelled;
  test: Labelled;
  names: string[]; // [D]
}

/** limit: at most this many adult.data records (seeded subset; smoke tier) and adult.test records. */
export function incomeSplits(data: { train: AdultSplit; test: AdultSplit }, seed: number, limit?: { data: number; test: number }): IncomeSplits {
  const take = (n: number, cap: number | undefined, tag: string) =>
    (cap && cap < n ? permutation(n, makeRng(`adult-subset:${tag}:${seed}`)).slice(0, cap).sort() : Int32Array.from({ length: n }, (_, i) => i));
  const pool = take(data.train.rows.length, limit?.data, 'data');
  const split = trainValidationSplit(pool.length, 0.1, seed);
  const trainRows = split.train.map((i) => pool[i]);
  const validationRows = split.validation.map((i) => pool[i]);
  const encoder = fitEncoder(data.train, trainRows);
  return {
    train: encoder.encode(data.train, trainRows),
    validation: encoder.encode(data.train, validationRows),
    test: encoder.encode(data.test, take(data.test.rows.length, limit?.test, 'test')),
    names: encoder.names,
  };
}
