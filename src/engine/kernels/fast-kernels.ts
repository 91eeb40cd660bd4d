// Faster replacements for slow wasm kernels, each a composition of wasm's fast (XNNPACK-backed)
// kernels; index.ts registers them for 'wasm' in place of the stock ones. Each file says its route
// and what it leaves to the stock kernel; tests/engine/fast-*.test.ts compares each with cpu.
import type { KernelConfig } from '@tensorflow/tfjs';
import { batchMatMulConfig } from './batch-matmul.ts';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.ts';
import { fusedBatchNormConfig } from './fused-batch-norm.ts';
import { castConfig, identityConfig } from './identity.ts';
import { maxPoolGradConfig } from './max-pool-grad.ts';
import { meanConfig } from './mean.ts';
import { sumConfig } from './sum.ts';

export const fastKernels: KernelConfig[] = [
  conv2dBackpropInputConfig, // 8x: one XNNPACK Conv2D of dy (zero-dilated for stride > 1)
  batchMatMulConfig, // 10x for dense gradients: explicit transpose, then a plain product
  maxPoolGradConfig, // 3x: elementwise masks and one MaxPool; also right next to padding
  fusedBatchNormConfig, // 3x: three broadcast kernels
  sumConfig, // 10x for non-innermost axes: one AvgPool
  meanConfig, // the same with 1/M
  identityConfig, // no copy: shares the data (as cpu does)
  castConfig, // the same when the dtype does not change
];
