// "The same CNN", checked from the returned artifacts: every CNN variant must have the plain model's
// conv and dense kernel shapes, and each variant must contain what its name says (and the plain one
// none of it). The row LSTM must read [N, 28, 28] with an LSTM layer.
import type * as tf from '@tensorflow/tfjs';
import type { CnnVariant } from '../../contracts/mit-cnn-regularization.ts';

export interface Design {
  kernels: string[]; // conv / dense kernel shapes in order, e.g. "3x3x1x8"
  batchNorms: number;
  dropoutRates: number[];
  l2: number[]; // per conv / dense kernel: its L2 coefficient (0 without a regularizer)
  pools: number;
  maxConvStride: number;
  lstms: number;
}

type Config = Record<string, unknown> & { strides?: number | number[]; rate?: number; kernelRegularizer?: { config?: { l2?: number } } | null };

export function describeDesign(model: tf.LayersModel): Design {
  const d: Design = { kernels: [], batchNorms: 0, dropoutRates: [], l2: [], pools: 0, maxConvStride: 1, lstms: 0 };
  for (const layer of model.layers) {
    const kind = layer.getClassName();
    const config = layer.getConfig() as Config;
    if (kind === 'Conv2D' || kind === 'Dense') {
      d.kernels.push(layer.getWeights()[0].shape.join('x'));
      // getConfig serialises the regularizer as {className: 'L1L2', config: {l1, l2}}
      d.l2.push(Number(config.kernelRegularizer?.config?.l2 ?? 0));
      const strides = config.strides === undefined ? [1] : [config.strides].flat();
      d.maxConvStride = Math.max(d.maxConvStride, ...strides);
    }
    if (kind === 'BatchNormalization') d.batchNorms++;
    if (kind === 'Dropout' || kind === 'SpatialDropout2D') d.dropoutRates.push(Number(config.rate ?? 0));
    if (/Pooling2D$/.test(kind) && !/Global/.test(kind)) d.pools++;
    if (kind === 'LSTM') d.lstms++;
  }
  return d;
}

/** What is wrong with one variant's design, given the plain model's (empty when it is right). */
export function designProblems(variant: CnnVariant, d: Design, plain: Design, requested: { dropout: number; l2: number }): string[] {
  const p: string[] = [];
  if (d.kernels.join() !== plain.kernels.join()) p.push(`kernels [${d.kernels}] differ from the plain CNN's [${plain.kernels}]: it is not the same CNN`);
  const has = { batchnorm: d.batchNorms > 0, dropout: d.dropoutRates.some((r) => r > 0), l2: d.l2.some((c) => c > 0), stride: d.maxConvStride > 1 };
  for (const [what, present] of Object.entries(has)) {
    if (what === variant && !present) p.push(`no ${what === 'stride' ? 'strided convolution' : what === 'batchnorm' ? 'batch-norm layer' : what === 'l2' ? 'kernel L2 regularizer' : 'dropout layer'}`);
    if (what !== variant && present) p.push(`has ${what}, which belongs to the '${what}' variant only`);
  }
  if (variant === 'stride' && d.pools > 0) p.push(`${d.pools} pooling layer(s): the stride variant downsamples by stride only`);
  if (variant !== 'stride' && d.pools === 0) p.push('no pooling layer: only the stride variant drops pooling');
  if (variant === 'dropout' && has.dropout && !d.dropoutRates.some((r) => Math.abs(r - requested.dropout) < 1e-6)) p.push(`dropout rates [${d.dropoutRates}], the grader asked for ${requested.dropout}`);
  if (variant === 'l2' && has.l2 && !d.l2.every((c) => Math.abs(c - requested.l2) <= 1e-6 * requested.l2)) p.push(`L2 coefficients [${d.l2}]: every kernel should carry ${requested.l2}`);
  return p;
}
