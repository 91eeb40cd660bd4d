// The seed's table rows (Correct / Incorrect / Accuracy), computed by the grader from predictions
// and the labels it kept, and the shape check for a solution's predictions.
import { SolutionError } from '../../grading/errors.ts';
import { accuracy, expectArray } from '../../grading/checks.ts';

export interface ScoreRow {
  correct: number;
  incorrect: number;
  accuracy: number;
}

/** Predictions must be [m] integer class ids 0..9 (any numeric typed array or number[]). */
export function expectPredictions(value: unknown, m: number, where: string): ArrayLike<number> {
  const data = expectArray({ data: value, shape: [(value as ArrayLike<number> | undefined)?.length] }, where, [m]).data;
  const bad = Array.prototype.findIndex.call(data, (v: number) => !Number.isInteger(v) || v < 0 || v > 9);
  if (bad >= 0) throw new SolutionError('SOLUTION_BAD_OUTPUT', `prediction ${data[bad]} at index ${bad} is not a class id 0..9`, where);
  return data;
}

export function scoreRow(pred: ArrayLike<number>, labels: ArrayLike<number>): ScoreRow {
  const acc = accuracy(pred, labels);
  const correct = Math.round(acc * labels.length);
  return { correct, incorrect: labels.length - correct, accuracy: acc };
}

/** Mean over subsets (counts may be fractional: the mean of five subsets' counts). */
export function meanRow(rows: ScoreRow[]): ScoreRow {
  const mean = (f: (r: ScoreRow) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
  return { correct: mean((r) => r.correct), incorrect: mean((r) => r.incorrect), accuracy: mean((r) => r.accuracy) };
}

/** The seed README's row, for the report's "seed" columns. */
export function seedRow(correct: number, incorrect: number): ScoreRow {
  return { correct, incorrect, accuracy: correct / (correct + incorrect) };
}
