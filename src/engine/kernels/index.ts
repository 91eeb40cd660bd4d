// Kernels registered for the wasm backend so that every model in the catalog trains on it.
// wasm (tfjs 4.22) lacks some gradient kernels outright (training-kernels.ts) and has slow ones that
// we replace with compositions of its fast XNNPACK-backed kernels (fast-kernels.ts).
// Each kernel lives in its own file; these lists are the registry.
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs';
import { fastKernels } from './fast-kernels.ts';
import { trainingKernels } from './training-kernels.ts';

let registered = false;

/** Registers every gradebench kernel for 'wasm' once; a stock kernel of the same name is replaced. */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  for (const config of [...trainingKernels, ...fastKernels]) {
    // registerKernel refuses a name that is taken, so a stock kernel is unregistered first
    if (getKernel(config.kernelName, config.backendName)) unregisterKernel(config.kernelName, config.backendName);
    registerKernel(config as KernelConfig);
  }
}
