// What tfjs layers say about a conv layer and an Inception module: the symbolic output shape and
// countParams() of the built model, plus random configurations for the fast-check properties.
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import type { ConvLayerConfig, InceptionConfig, LayerInfo } from '../../contracts/iust-p3-cnn.ts';

function infoOf(model: tf.LayersModel): LayerInfo {
  const shape = model.outputs[0].shape.slice(1) as [number, number, number]; // drop the batch dimension
  const params = model.countParams();
  model.dispose();
  return { outputShape: shape, params };
}

export function tfjsConvInfo(c: ConvLayerConfig): LayerInfo {
  return infoOf(tf.sequential({
    layers: [tf.layers.conv2d({ inputShape: c.inputShape, filters: c.filters, kernelSize: c.kernelSize, strides: c.strides, padding: c.padding, useBias: c.useBias })],
  }));
}

export function tfjsInceptionInfo(c: InceptionConfig): LayerInfo {
  const input = tf.input({ shape: c.inputShape });
  const conv = (x: tf.SymbolicTensor, filters: number, k: number, strides = 1) =>
    tf.layers.conv2d({ filters, kernelSize: k, strides, padding: 'same', activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  const s = c.strides;
  const b1 = conv(input, c.out1x1, 1, s);
  const b3 = conv(conv(input, c.reduce3x3, 1), c.out3x3, 3, s);
  const b5 = conv(conv(input, c.reduce5x5, 1), c.out5x5, 5, s);
  const pool = tf.layers.maxPooling2d({ poolSize: 3, strides: s, padding: 'same' }).apply(input) as tf.SymbolicTensor;
  const b4 = conv(pool, c.poolProj, 1);
  const out = tf.layers.concatenate({ axis: -1 }).apply([b1, b3, b5, b4]) as tf.SymbolicTensor;
  return infoOf(tf.model({ inputs: input, outputs: out }));
}

const side = fc.integer({ min: 1, max: 40 });
const channels = fc.integer({ min: 1, max: 16 });

/** Random conv layers; 'valid' only where the kernel fits. One in three is a 1x1 conv. */
export const convConfig: fc.Arbitrary<ConvLayerConfig> = fc.record({
  h: side, w: side, c: channels, filters: fc.integer({ min: 1, max: 32 }),
  kernelSize: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 2, max: 7 })),
  strides: fc.integer({ min: 1, max: 4 }), padding: fc.constantFrom('valid' as const, 'same' as const), useBias: fc.boolean(),
}).filter((r) => r.padding === 'same' || (r.kernelSize <= r.h && r.kernelSize <= r.w))
  .map(({ h, w, c, ...rest }) => ({ inputShape: [h, w, c] as [number, number, number], ...rest }));

/** 1x1 convs only: the channel-mixing "bottleneck" of the seed's 1x1 question. */
export const oneByOneConfig: fc.Arbitrary<ConvLayerConfig> = convConfig.map((c) => ({ ...c, kernelSize: 1 }));

export const inceptionConfig: fc.Arbitrary<InceptionConfig> = fc.record({
  h: fc.integer({ min: 1, max: 32 }), w: fc.integer({ min: 1, max: 32 }), c: fc.integer({ min: 1, max: 64 }),
  out1x1: fc.integer({ min: 1, max: 64 }), reduce3x3: fc.integer({ min: 1, max: 48 }), out3x3: fc.integer({ min: 1, max: 64 }),
  reduce5x5: fc.integer({ min: 1, max: 16 }), out5x5: fc.integer({ min: 1, max: 32 }), poolProj: fc.integer({ min: 1, max: 32 }),
  strides: fc.integer({ min: 1, max: 3 }),
}).map(({ h, w, c, ...rest }) => ({ inputShape: [h, w, c] as [number, number, number], ...rest }));

/** GoogLeNet's inception (3a) on its 28x28x192 input: 64, 96->128, 16->32, pool->32 = 256 channels. */
export const inception3a: InceptionConfig = {
  inputShape: [28, 28, 192], out1x1: 64, reduce3x3: 96, out3x3: 128, reduce5x5: 16, out5x5: 32, poolProj: 32, strides: 1,
};
