// The figures of ml2020-hw1-pm25, for both feature sets: the training RMSE per Adagrad iteration
// beside the closed form's training RMSE (the floor it approaches), and the gap between the two on
// a log scale, which shows the convergence that the first figure's flat tail hides.
import type { FitResult } from '../../contracts/ml2020-hw1-pm25.ts';
import { lineChart } from '../../report/charts.ts';
import type { FoldData } from './folds.ts';
import { rmse } from './linear.ts';

type Fits = { all: FitResult; pm25: FitResult };
const SETS = [['all', '18x9'], ['pm25', 'PM2.5x9']] as const;

const floorOf = (f: FoldData, set: 'all' | 'pm25') => rmse(f[set].closed, f[set].train.x, f[set].train.y);

export function lossFigure(f: FoldData, fits: Fits, iterations: number, lr: number): Promise<string> {
  const steps = Array.from({ length: iterations }, (_, i) => i + 1);
  return lineChart([
    ...SETS.map(([set, name]) => ({ name: `Adagrad ${name}`, x: steps, y: fits[set].lossCurve })),
    ...SETS.map(([set, name]) => ({ name: `closed form ${name}`, x: steps, y: steps.map(() => floorOf(f, set)) })),
  ], { title: `PM2.5: training RMSE by Adagrad iteration (lr ${lr}; held out ${f.heldOut})`, xLabel: 'iteration', yLabel: 'training RMSE', logY: true });
}

export function gapFigure(f: FoldData, fits: Fits, iterations: number): Promise<string> {
  const steps = Array.from({ length: iterations }, (_, i) => i + 1);
  // Floored at 1e-9: the closed form carries a 1e-9 ridge, so Adagrad may end a hair below it.
  return lineChart(SETS.map(([set, name]) => {
    const floor = floorOf(f, set);
    return { name, x: steps, y: Array.from(fits[set].lossCurve, (v) => Math.max(v - floor, 1e-9)) };
  }), { title: 'PM2.5: training RMSE above the closed form, by Adagrad iteration', xLabel: 'iteration', yLabel: 'RMSE - closed-form RMSE', logY: true });
}
