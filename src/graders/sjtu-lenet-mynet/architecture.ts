// Architecture check of an imported model against the seed's LeNet or MyNet. Works on what any
// tf.LayersModel exposes (layer class, output shape, weight shapes, config), so a Sequential or a
// functional model, with activations fused or as separate layers, is judged by the same facts:
// the kernel shapes of the weighted layers in order, the conv outputs' sizes (padding, stride and
// pooling placement), the number of 2x2 max-pools and batch norms, the output and the parameter count.
import type * as tf from '@tensorflow/tfjs';
import { referenceArchitectures, type Arch } from '../../contracts/sjtu-lenet-mynet.ts';

export interface LayerRow {
  name: string;
  type: string; // the layer's class name
  output: string; // e.g. "[N,14,14,6]"
  params: number;
}

export interface ArchitectureCheck {
  problems: string[]; // empty when the model is the seed's architecture
  rows: LayerRow[]; // a Keras-style summary for the report
  params: number;
  convOutputs: number[][]; // [h, w, c] after each Conv2D
}

const convOutputs: Record<Arch, number[][]> = {
  lenet: [[28, 28, 6], [10, 10, 16]], // 'same' on 28x28 (or 'valid' on 32x32), then 'valid' after a pool
  mynet: [[32, 32, 32], [16, 16, 64], [8, 8, 64]], // pad 1 keeps each 3x3 conv's size; pools halve it
};

const show = (s: ReadonlyArray<number | null>) => `[${s.map((d) => d ?? 'N').join(',')}]`;
const same = (a: ReadonlyArray<number | null>, b: ReadonlyArray<number>) => a.length === b.length && a.every((d, i) => d === b[i]);
const names: Record<Arch, string> = { lenet: 'LeNet', mynet: 'MyNet' };

export function checkArchitecture(model: tf.LayersModel, arch: Arch): ArchitectureCheck {
  const want = referenceArchitectures[arch];
  const problems: string[] = [];
  const rows: LayerRow[] = [];
  const kernels: Array<{ where: string; shape: number[] }> = [];
  const convs: number[][] = [];
  let pools = 0, norms = 0;
  for (const layer of model.layers) {
    const type = layer.getClassName();
    const out = layer.outputShape as (number | null)[];
    rows.push({ name: layer.name, type, output: show(out), params: layer.countParams() });
    const config = layer.getConfig() as { strides?: number[]; poolSize?: number[] };
    if (type === 'MaxPooling2D' && same(config.poolSize ?? [], [2, 2])) pools++;
    else if (type === 'BatchNormalization') norms++;
    else if (layer.trainableWeights.length > 0) {
      kernels.push({ where: `${layer.name} (${type})`, shape: layer.trainableWeights[0].shape as number[] });
      if (type === 'Conv2D') {
        convs.push(out.slice(1) as number[]);
        if (!same(config.strides ?? [1, 1], [1, 1])) problems.push(`${layer.name} has strides [${config.strides}], expected 1`);
      }
    }
  }
  const expected = want.kernels as ReadonlyArray<ReadonlyArray<number>>;
  for (let i = 0; i < Math.max(kernels.length, expected.length); i++) {
    const k = kernels[i], e = expected[i];
    if (!k) problems.push(`missing weighted layer ${i + 1}: expected a kernel ${show(e)}`);
    else if (!e) problems.push(`extra weighted layer ${k.where} with kernel ${show(k.shape)}`);
    else if (!same(k.shape, e)) problems.push(`weighted layer ${i + 1}, ${k.where}, has kernel ${show(k.shape)}, expected ${show(e)}`);
  }
  convOutputs[arch].forEach((e, i) => {
    if (convs[i] && !same(convs[i], e)) problems.push(`conv ${i + 1} outputs ${show(convs[i])} per image, expected ${show(e)}`);
  });
  if (pools !== want.pools) problems.push(`${pools} max-pool 2x2 layer(s), expected ${want.pools}`);
  if (norms !== want.batchNorms) problems.push(`${norms} batch-norm layer(s), expected ${want.batchNorms}`);
  const output = model.outputs[0].shape;
  if (!same(output.slice(1) as number[], [10])) problems.push(`output ${show(output)}, expected [N,10]`);
  const params = model.countParams();
  if (params !== want.params) problems.push(`${params.toLocaleString('en-US')} parameters, expected ${want.params.toLocaleString('en-US')}`);
  return { problems, rows, params, convOutputs: convs };
}

/** One line for a failure message. */
export function describeProblems(arch: Arch, check: ArchitectureCheck): string {
  return `architecture differs from the seed's ${names[arch]}: ${check.problems.join('; ')}`;
}
