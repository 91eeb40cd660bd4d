// The grader's side of the saddle-point experiment: its own replay of each update rule on
// f(x, y) = x^2 - y^2, the escape count (first step with f < -1), and the trajectory figure.
import type { SaddleOptions } from '../../contracts/iust-p3-cnn.ts';
import { renderSpec } from '../../report/charts.ts';
import type { TopLevelSpec } from 'vega-lite';

export const saddleF = (x: number, y: number) => x * x - y * y;
export const ESCAPE_LEVEL = -1; // escaped once f < -1, i.e. |y| > sqrt(1 + x^2)

/** The grader's replay: path [steps + 1, 2] flat. */
export function referencePath(o: SaddleOptions): Float64Array {
  const out = new Float64Array(2 * (o.steps + 1));
  let [x, y] = o.start;
  let vx = 0, vy = 0, mx = 0, my = 0; // velocity or second moment; first moment
  out[0] = x; out[1] = y;
  for (let t = 1; t <= o.steps; t++) {
    const gx = 2 * x, gy = -2 * y;
    if (o.optimizer === 'sgd') {
      x -= o.learningRate * gx; y -= o.learningRate * gy;
    } else if (o.optimizer === 'momentum') {
      vx = o.momentum * vx - o.learningRate * gx; vy = o.momentum * vy - o.learningRate * gy;
      x += vx; y += vy;
    } else {
      mx = o.beta1 * mx + (1 - o.beta1) * gx; my = o.beta1 * my + (1 - o.beta1) * gy;
      vx = o.beta2 * vx + (1 - o.beta2) * gx * gx; vy = o.beta2 * vy + (1 - o.beta2) * gy * gy;
      const c1 = 1 - o.beta1 ** t, c2 = 1 - o.beta2 ** t;
      x -= (o.learningRate * mx / c1) / (Math.sqrt(vx / c2) + o.epsilon);
      y -= (o.learningRate * my / c1) / (Math.sqrt(vy / c2) + o.epsilon);
    }
    out[2 * t] = x; out[2 * t + 1] = y;
  }
  return out;
}

/** First step t with f(path[t]) < -1, or null if the path never escapes. */
export function escapeStep(path: ArrayLike<number>): number | null {
  for (let t = 0; 2 * t + 1 < path.length; t++) if (saddleF(path[2 * t], path[2 * t + 1]) < ESCAPE_LEVEL) return t;
  return null;
}

/** ||a - b|| / ||b|| over whole paths: how far a solution's path strays from the replay. */
export function pathError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0, n = 0;
  for (let i = 0; i < b.length; i++) { d += (a[i] - b[i]) ** 2; n += b[i] ** 2; }
  return Math.sqrt(d) / Math.max(Math.sqrt(n), 1e-12);
}

/** First step whose point differs from the replay's by more than 1e-6 relative (for the message). */
export function firstDivergence(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let i = 0; i < b.length; i++) if (Math.abs(a[i] - b[i]) > 1e-6 * (1 + Math.abs(b[i]))) return Math.floor(i / 2);
  return 0;
}

/** The paths in the (x, y) plane, drawn in step order up to `upTo` steps (the plot stays near the saddle). */
export function trajectoryChart(paths: Record<string, ArrayLike<number>>, upTo: number, title: string): Promise<string> {
  const values = Object.entries(paths).flatMap(([name, p]) => {
    const rows = [];
    for (let t = 0; t <= upTo && 2 * t + 1 < p.length; t++) rows.push({ optimizer: name, step: t, x: p[2 * t], y: p[2 * t + 1] });
    return rows;
  });
  return renderSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title, width: 420, height: 420, background: 'white',
    data: { values },
    mark: { type: 'line', point: { size: 8 }, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: 'x (attracting direction)' },
      y: { field: 'y', type: 'quantitative', title: 'y (escaping direction)' },
      order: { field: 'step', type: 'quantitative' }, // draw in time order, not sorted by x
      color: { field: 'optimizer', type: 'nominal', title: null },
    },
  } as TopLevelSpec);
}
