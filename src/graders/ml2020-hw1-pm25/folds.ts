// One held-out fold of ml2020-hw1-pm25, ready to grade: the grader's windows split by month,
// standardised with the training months' statistics, and the closed-form solution on them.
import type { Windows } from '../../contracts/ml2020-hw1-pm25.ts';
import { buildWindows, columnStats, heldOutMonths, standardise, takeRows, FEATURES } from './data.ts';
import { closedForm } from './linear.ts';

export interface FeatureSplit {
  train: Windows; // standardised x [Ntrain, D], y [Ntrain]
  held: Windows; // x [Nheld, D] standardised with the training statistics, y [Nheld]
  closed: Float64Array; // closed-form least squares on train, theta [D + 1]
}

export interface FoldData {
  fold: number;
  heldOut: string; // 'Jan, May, Sep'
  all: FeatureSplit; // 18 features x 9 hours
  pm25: FeatureSplit; // PM2.5 x 9 hours
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function split(raw: { values: Float64Array; shape: [number, number]; daysPerMonth: number }, held: number[], pm25Only: boolean): FeatureSplit {
  const w = buildWindows(raw.values, raw.shape[0], raw.daysPerMonth, 9, pm25Only);
  const tr = takeRows(w, (i) => !held.includes(w.month[i]));
  const te = takeRows(w, (i) => held.includes(w.month[i]));
  const stats = columnStats(tr.x);
  const train = { x: standardise(tr.x, stats), y: tr.y };
  return { train, held: { x: standardise(te.x, stats), y: te.y }, closed: closedForm(train.x, train.y) };
}

export function foldData(raw: { values: Float64Array; shape: [number, number]; daysPerMonth: number; dates: string[] }, fold: number): FoldData {
  const months = raw.shape[0] / (FEATURES * raw.daysPerMonth);
  const held = heldOutMonths(fold, months);
  // Month names from the file's own dates ('2014/3/1'), so a re-cut file is still labelled truly.
  const heldOut = held.map((m) => MONTH_NAMES[Number(raw.dates[m * raw.daysPerMonth].split('/')[1]) - 1] ?? `month ${m + 1}`).join(', ');
  return { fold, heldOut, all: split(raw, held, false), pm25: split(raw, held, true) };
}
