// Kernels the wasm backend (tfjs 4.22) lacks and training needs: conv filter gradients, depthwise
// gradients (separable convs) and UnsortedSegmentSum (the Gather gradient, so embeddings train).
// Each is a composition of wasm's own XNNPACK-backed kernels; see each file for its route.
import type { KernelConfig } from '@tensorflow/tfjs';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter.ts';
import { depthwiseConv2dNativeBackpropFilterConfig } from './depthwise-backprop-filter.ts';
import { depthwiseConv2dNativeBackpropInputConfig } from './depthwise-backprop-input.ts';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum.ts';

export const trainingKernels: KernelConfig[] = [
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  unsortedSegmentSumConfig,
];
