// Conv geometry as tfjs layers compute it: zero padding (ZeroPadding2D) then a 'valid' conv with
// stride or dilation; parameter counts from countParams(); random geometries for fast-check.
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import type { ConvGeometry, ConvWeights } from '../../contracts/iust-p4-tuning-bn.ts';

/** Output side of pad + conv by tfjs layers (symbolic: no kernel runs). */
export function tfjsOutputSize(g: ConvGeometry): number {
  const model = tf.sequential({
    layers: [
      tf.layers.zeroPadding2d({ inputShape: [g.size, g.size, 1], padding: g.pad }),
      tf.layers.conv2d({ filters: 1, kernelSize: g.kernel, strides: g.stride, dilationRate: g.dilation, padding: 'valid' }),
    ],
  });
  const side = model.outputs[0].shape[1] as number;
  model.dispose();
  return side;
}

export function tfjsParams(w: ConvWeights): number {
  const model = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [8, 8, w.inChannels], filters: w.filters, kernelSize: w.kernel, useBias: w.useBias })] });
  const n = model.countParams();
  model.dispose();
  return n;
}

/** Either strided or dilated (tfjs, like Keras, refuses both at once), and the kernel fits. */
export const geometry: fc.Arbitrary<ConvGeometry> = fc.record({
  size: fc.integer({ min: 1, max: 40 }), kernel: fc.integer({ min: 1, max: 7 }), pad: fc.integer({ min: 0, max: 3 }),
  stride: fc.integer({ min: 1, max: 4 }), dilation: fc.integer({ min: 1, max: 4 }), strided: fc.boolean(),
}).map(({ strided, ...g }) => ({ ...g, stride: strided ? g.stride : 1, dilation: strided ? 1 : g.dilation }))
  .filter((g) => g.dilation * (g.kernel - 1) + 1 <= g.size + 2 * g.pad);

export const weights: fc.Arbitrary<ConvWeights> = fc.record({
  kernel: fc.integer({ min: 1, max: 7 }), inChannels: fc.integer({ min: 1, max: 32 }),
  filters: fc.integer({ min: 1, max: 32 }), useBias: fc.boolean(),
});

/** Odd kernels and dilations, with an input the dilated kernel fits once padded. */
export const dilatedSame = fc.record({
  kernel: fc.constantFrom(1, 3, 5, 7, 9), dilation: fc.integer({ min: 1, max: 6 }), size: fc.integer({ min: 1, max: 40 }),
});
