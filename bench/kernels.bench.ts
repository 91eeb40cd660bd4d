// Microbenchmarks of the wasm training kernels at coursework sizes (LeNet-5, a small MobileNet
// block, an embedding table). Run: npx vitest bench --run --project unit bench/kernels.bench.ts
// Each iteration is one kernel call through the engine (as a gradient step makes it).
import { bench, describe } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from '../src/engine/index.ts';

await initEngine();
const opts = { time: 1000, warmupIterations: 3 };

function kernel(name: string, inputs: Record<string, tf.Tensor>, attrs: object): () => void {
  return () => (tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor).dispose();
}

/** dW of a conv over x [N, H, W, Cin] with a [F, F, Cin, Cout] filter. */
function filterGrad(n: number, h: number, cin: number, cout: number, f: number, stride: number, pad: 'same' | 'valid') {
  const x = tf.randomNormal([n, h, h, cin], 0, 1, 'float32', 1);
  const { outHeight: oh, outWidth: ow } = tf.backend_util.computeConv2DInfo([n, h, h, cin], [f, f, cin, cout], stride, 1, pad);
  const dy = tf.randomNormal([n, oh, ow, cout], 0, 1, 'float32', 2);
  return kernel('Conv2DBackpropFilter', { x, dy }, { strides: stride, pad, dataFormat: 'NHWC', filterShape: [f, f, cin, cout] });
}

describe(`Conv2DBackpropFilter on ${tf.getBackend()}`, () => {
  bench('LeNet conv1 [64,28,28,1] 5x5 -> 6 valid', filterGrad(64, 28, 1, 6, 5, 1, 'valid'), opts);
  bench('LeNet conv2 [64,12,12,6] 5x5 -> 16 valid', filterGrad(64, 12, 6, 16, 5, 1, 'valid'), opts);
  bench('[64,28,28,6] 5x5 -> 16 valid', filterGrad(64, 28, 6, 16, 5, 1, 'valid'), opts);
  bench('[64,28,28,6] 5x5 -> 16 same', filterGrad(64, 28, 6, 16, 5, 1, 'same'), opts);
  bench('[64,28,28,16] 3x3 stride 2 -> 32 same', filterGrad(64, 28, 16, 32, 3, 2, 'same'), opts);
});

describe(`depthwise gradients on ${tf.getBackend()} ([64,16,16,32], 3x3)`, () => {
  for (const stride of [1, 2]) {
    const x = tf.randomNormal([64, 16, 16, 32], 0, 1, 'float32', 3);
    const filter = tf.randomNormal([3, 3, 32, 1], 0, 1, 'float32', 4);
    const o = 16 / stride;
    const dy = tf.randomNormal([64, o, o, 32], 0, 1, 'float32', 5);
    const attrs = { strides: stride, dilations: 1, pad: 'same' };
    bench(`filter, stride ${stride}`, kernel('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape: [3, 3, 32, 1] }), opts);
    bench(`input, stride ${stride}`, kernel('DepthwiseConv2dNativeBackpropInput', { dy, filter }, { ...attrs, inputShape: [64, 16, 16, 32] }), opts);
  }
});

describe(`UnsortedSegmentSum on ${tf.getBackend()}`, () => {
  const x = tf.randomNormal([64 * 20, 64], 0, 1, 'float32', 6); // 64 sequences of 20 tokens, dim 64
  const ids = tf.randomUniform([64 * 20], 0, 5000, 'int32', 7);
  bench('[1280, 64] into 5000 rows', kernel('UnsortedSegmentSum', { x, segmentIds: ids }, { numSegments: 5000 }), opts);
});
