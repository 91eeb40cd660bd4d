// Figures as SVG, rendered headless with Vega-Lite (compiled to Vega, rendered by vega's View with
// no DOM). Line charts for curves, scatter plots for embeddings.
import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  logY?: boolean;
  width?: number;
  height?: number;
}

export async function renderSpec(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/**
 * One line per series; long series are thinned to at most 400 points each. When every x is a whole
 * number (epochs, steps) the axis ticks only whole numbers, and short series (at most 40 points, such
 * as per-epoch curves) mark each point, so a reader sees where the measurements are.
 */
export function lineChart(series: Series[], o: LineChartOptions): Promise<string> {
  const values = series.flatMap((s) => thin(s).map(([x, y]) => ({ series: s.name, x, y })));
  const wholeX = values.every((v) => Number.isInteger(v.x));
  const short = series.every((s) => s.x.length <= 40);
  return renderSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: o.title, width: o.width ?? 480, height: o.height ?? 280, background: 'white',
    data: { values },
    mark: { type: 'line', strokeWidth: 1.8, point: short },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: o.xLabel, axis: wholeX ? { tickMinStep: 1, format: 'd' } : {} },
      y: { field: 'y', type: 'quantitative', title: o.yLabel, scale: o.logY ? { type: 'log' } : { zero: false } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  } as TopLevelSpec);
}

export interface ScatterOptions {
  title: string;
  xLabel?: string;
  yLabel?: string;
  classNames?: string[];
}

/** points: [n, 2] flat; labels: [n] class ids, coloured by class. */
export function scatterChart(points: ArrayLike<number>, labels: ArrayLike<number>, o: ScatterOptions): Promise<string> {
  const values = Array.from({ length: labels.length }, (_, i) => ({
    x: points[2 * i], y: points[2 * i + 1], label: o.classNames?.[labels[i]] ?? String(labels[i]),
  }));
  return renderSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: o.title, width: 420, height: 420, background: 'white',
    data: { values },
    mark: { type: 'circle', size: 10, opacity: 0.7 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: o.xLabel ?? 'component 1', scale: { zero: false } },
      y: { field: 'y', type: 'quantitative', title: o.yLabel ?? 'component 2', scale: { zero: false } },
      color: { field: 'label', type: 'nominal', title: 'class', scale: { scheme: 'tableau10' } },
    },
  } as TopLevelSpec);
}

function thin(s: Series): Array<[number, number]> {
  const n = s.x.length;
  const step = Math.max(1, Math.ceil(n / 400));
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i += step) out.push([s.x[i], s.y[i]]);
  if ((n - 1) % step !== 0) out.push([s.x[n - 1], s.y[n - 1]]);
  return out;
}
