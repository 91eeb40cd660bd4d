// Kernels registered for the wasm backend so that every model in the catalog trains on it.
// wasm (tfjs 4.22) lacks some gradient kernels outright (training-kernels.ts) and has slow ones that
// we replace with compositions of its fast XNNPACK-backed kernels (fast-kernels.ts).
// Each kernel lives in its own file; these lists are the registry.
import { registerKernel, getKernel, type KernelConfig } from '@tensorflow/tfjs';
import { trainingKernels } from './training-kernels.ts';
import { fastKernels } from './fast-kernels.ts';

let registered = false;

/** Registers every gradebench kernel for 'wasm' once; an already-present kernel is replaced. */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  for (const config of [...trainingKernels, ...fastKernels] as KernelConfig[]) {
    if (getKernel(config.kernelName, config.backendName)) {
      // tfjs has no unregister-free replace; unregisterKernel is in tfjs-core
      unregister(config);
    }
    registerKernel(config);
  }
}

import { unregisterKernel } from '@tensorflow/tfjs';
function unregister(config: KernelConfig): void {
  unregisterKernel(config.kernelName, config.backendName);
}
