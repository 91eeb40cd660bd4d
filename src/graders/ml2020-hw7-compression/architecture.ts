// The grader's own parameter counts: tf.layers' countParams for a conv spec (what the solution's
// formula is checked against), the student's expected weight shapes, and the conv layers of a
// returned model read back as ConvLayerSpecs (to check the formula on the solution's own design).
import * as tf from '@tensorflow/tfjs';
import type { ConvLayerSpec, StudentSpec } from '../../contracts/ml2020-hw7-compression.ts';

/** tf.layers' own count for one layer built on a [k+2, k+2, cin] input (symbolic: nothing computed). */
export function tfjsConvParams(s: ConvLayerSpec): number {
  const common = { kernelSize: s.kernelSize, useBias: s.useBias, padding: 'same' as const };
  const layer = s.kind === 'conv2d' ? tf.layers.conv2d({ ...common, filters: s.outChannels })
    : s.kind === 'depthwise' ? tf.layers.depthwiseConv2d({ ...common, depthMultiplier: s.depthMultiplier })
      : tf.layers.separableConv2d({ ...common, filters: s.outChannels, depthMultiplier: s.depthMultiplier });
  layer.apply(tf.input({ shape: [s.kernelSize + 2, s.kernelSize + 2, s.inChannels] }));
  const n = layer.countParams();
  layer.dispose();
  return n;
}

/** Weight shapes of the student in order, as evaluate.weightShapes prints them. */
export function studentShapes(s: StudentSpec): string {
  const [f1, f2] = s.filters;
  return [[3, 3, 1, f1], [f1], [3, 3, f1, f2], [f2], [7 * 7 * f2, s.dense], [s.dense], [s.dense, 10], [10]].map((x) => `[${x}]`).join(' ');
}

export interface ConvLayerRow {
  name: string;
  spec: ConvLayerSpec;
  params: number; // tf.layers' count
  fullConvParams: number; // a plain Conv2D with the same kernel, input and output channels
}

/** The depthwise / separable layers of a model, with their hyperparameters. */
export function separableLayers(model: tf.LayersModel): ConvLayerRow[] {
  const rows: ConvLayerRow[] = [];
  for (const layer of model.layers) {
    const type = layer.getClassName();
    if (type !== 'SeparableConv2D' && type !== 'DepthwiseConv2D') continue;
    const c = layer.getConfig() as { kernelSize: number | number[]; depthMultiplier?: number; filters?: number; useBias?: boolean };
    const k = Array.isArray(c.kernelSize) ? c.kernelSize[0] : c.kernelSize;
    const cin = Number((layer.input as tf.SymbolicTensor).shape.at(-1)); // [N, h, w, cin]
    const dm = c.depthMultiplier ?? 1;
    const out = type === 'DepthwiseConv2D' ? cin * dm : c.filters!;
    const spec: ConvLayerSpec = { kind: type === 'DepthwiseConv2D' ? 'depthwise' : 'separable', kernelSize: k, inChannels: cin, outChannels: out, depthMultiplier: dm, useBias: c.useBias ?? true };
    rows.push({ name: layer.name, spec, params: layer.countParams(), fullConvParams: k * k * cin * out + (spec.useBias ? out : 0) });
  }
  return rows;
}
