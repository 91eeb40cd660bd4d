// Faster replacements for slow wasm kernels (filled in by the training-speed issue).
import type { KernelConfig } from '@tensorflow/tfjs';
export const fastKernels: KernelConfig[] = [];
