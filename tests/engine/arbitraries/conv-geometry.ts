// A random 2-D convolution geometry, small enough for the cpu reference kernels: shapes, strides,
// dilations, padding ('same', 'valid', explicit per side, or a number with a rounding mode) and a
// seed for the tensor data. Only geometries with at least one output pixel are produced.
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';

export type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

export interface ConvGeometry {
  xShape: [number, number, number, number]; // [N, H, W, C]
  filterShape: [number, number, number, number]; // [FH, FW, C, Cout] or [FH, FW, C, multiplier]
  strides: [number, number];
  dilations: [number, number];
  pad: Pad;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  seed: number;
}

export interface ConvGeometryConstraints {
  maxBatch?: number; // default 3
  maxSize?: number; // H and W, default 9
  maxChannels?: number; // C and the last filter dim, default 4
  maxFilter?: number; // FH and FW, default 4
  maxStride?: number; // default 3
  maxDilation?: number; // default 3; 1 for Conv2DBackpropFilter, which takes no dilations
  depthwise?: boolean; // only changes how the last filter dim is read
}

const pair = (max: number) => fc.tuple(fc.integer({ min: 1, max }), fc.integer({ min: 1, max }));

const padArb: fc.Arbitrary<{ pad: Pad; dimRoundingMode?: 'floor' | 'round' | 'ceil' }> = fc.oneof(
  fc.constantFrom('same' as const, 'valid' as const).map((pad) => ({ pad })),
  fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)).map(([t, b, l, r]) => ({
    pad: [[0, 0], [t, b], [l, r], [0, 0]] as Pad,
  })),
  fc.record({ pad: fc.nat(2), dimRoundingMode: fc.constantFrom('floor' as const, 'round' as const, 'ceil' as const) }),
);

/** Output [OH, OW] of a geometry, as tfjs computes it. */
export function outSize(g: ConvGeometry, depthwise = false): [number, number] {
  const info = tf.backend_util.computeConv2DInfo(
    g.xShape, g.filterShape, g.strides, g.dilations, g.pad, g.dimRoundingMode, depthwise);
  return [info.outHeight, info.outWidth];
}

export function convGeometry(c: ConvGeometryConstraints = {}): fc.Arbitrary<ConvGeometry> {
  const { maxBatch = 3, maxSize = 9, maxChannels = 4, maxFilter = 4, maxStride = 3, maxDilation = 3 } = c;
  return fc
    .record({
      n: fc.integer({ min: 1, max: maxBatch }),
      hw: pair(maxSize),
      cin: fc.integer({ min: 1, max: maxChannels }),
      cout: fc.integer({ min: 1, max: maxChannels }),
      f: pair(maxFilter),
      strides: pair(maxStride),
      dilations: pair(maxDilation),
      padding: padArb,
      seed: fc.integer(),
    })
    .map(({ n, hw, cin, cout, f, strides, dilations, padding, seed }): ConvGeometry => ({
      xShape: [n, hw[0], hw[1], cin],
      filterShape: [f[0], f[1], cin, cout],
      strides,
      dilations,
      ...padding,
      seed,
    }))
    .filter((g) => {
      const [oh, ow] = outSize(g, c.depthwise);
      return oh >= 1 && ow >= 1;
    });
}
