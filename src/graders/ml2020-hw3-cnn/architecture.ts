// Checks a returned hw3 model against the contract's architecture: input [N,32,32,3], output
// [N,10]; five 3x3 convolutions with the requested widths, each followed by a pooling layer before
// the next convolution; then exactly three dense layers (widths.dense, then 10).
import type * as tf from '@tensorflow/tfjs';
import type { Hw3Widths } from '../../contracts/ml2020-hw3-cnn.ts';

export interface ArchitectureCheck {
  rows: Array<{ layer: string; type: string; output: string; params: number }>;
  params: number;
  problems: string[];
}

const POOLS = ['MaxPooling2D', 'AveragePooling2D'];

export function checkHw3Architecture(model: tf.LayersModel, widths: Hw3Widths): ArchitectureCheck {
  const problems: string[] = [];
  const layers = model.layers;
  const rows = layers.map((l) => ({ layer: l.name, type: l.getClassName(), output: JSON.stringify(l.outputShape).replace(/null/g, 'N'), params: l.countParams() }));
  const input = JSON.stringify(model.inputs[0].shape), output = JSON.stringify(model.outputs[0].shape);
  if (input !== '[null,32,32,3]') problems.push(`input shape ${input}, expected [null,32,32,3]`);
  if (output !== '[null,10]') problems.push(`output shape ${output}, expected [null,10]`);
  const convs = layers.filter((l) => l.getClassName() === 'Conv2D');
  const dense = layers.filter((l) => l.getClassName() === 'Dense');
  if (convs.length !== 5) problems.push(`${convs.length} Conv2D layers, expected 5`);
  convs.slice(0, 5).forEach((l, k) => {
    const kernel = l.getWeights()[0].shape; // [3, 3, Cin, Cout]
    if (kernel[0] !== 3 || kernel[1] !== 3 || kernel[3] !== widths.conv[k]) problems.push(`conv ${k + 1} has kernel [${kernel}], expected [3,3,${k === 0 ? 3 : widths.conv[k - 1]},${widths.conv[k]}]`);
  });
  // A pooling layer between each conv and the next one, and after the last conv.
  const convAt = layers.map((l, i) => (l.getClassName() === 'Conv2D' ? i : -1)).filter((i) => i >= 0);
  convAt.forEach((at, k) => {
    const end = k + 1 < convAt.length ? convAt[k + 1] : layers.length;
    if (!layers.slice(at + 1, end).some((l) => POOLS.includes(l.getClassName()))) problems.push(`no pooling layer after conv ${k + 1}`);
  });
  const want = [...widths.dense, 10];
  if (dense.length !== 3) problems.push(`${dense.length} Dense layers, expected 3 (${want.join(', ')} units)`);
  else dense.forEach((l, k) => {
    const units = l.getWeights()[0].shape[1];
    if (units !== want[k]) problems.push(`dense ${k + 1} has ${units} units, expected ${want[k]}`);
  });
  return { rows, params: model.countParams(), problems };
}
