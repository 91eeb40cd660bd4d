// Shared by the fast-kernel tests: run one kernel directly on a backend and check it leaks nothing.
import { beforeAll, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from '../../src/engine/kernels/index.ts';

export type Arr = { shape: number[]; data: Float32Array | Int32Array; dtype?: 'float32' | 'int32' };
export type Attrs = Record<string, unknown>;
export type Kernel = (args: { inputs: Record<string, tf.TensorInfo>; backend: tf.KernelBackend; attrs: Attrs }) => tf.TensorInfo;

/**
 * Registers gradebench's kernels and initialises wasm beside whichever backend the setup chose
 * (GRADEBENCH_BACKEND may say cpu), which stays the active one: the tests call wasm's kernels directly.
 */
export function useWasmKernels(): void {
  beforeAll(async () => {
    await import('@tensorflow/tfjs-backend-wasm');
    registerWasmTrainingKernels();
    const chosen = tf.getBackend();
    expect(await tf.setBackend('wasm')).toBe(true); // initialises it, so findBackend('wasm') works
    await tf.setBackend(chosen);
  });
}

/**
 * Runs one kernel on a backend (wasm: the registered one, or `kernel`). The inputs are freed before
 * the output is read, so an output that merely shares an input's data is caught; then checks for leaks.
 */
export function runOn(name: 'cpu' | 'wasm', kernelName: string, inputs: Record<string, Arr>, attrs: Attrs, kernel?: Kernel): Arr {
  const backend = tf.engine().findBackend(name)!;
  const before = backend.numDataIds();
  const infos = Object.fromEntries(Object.entries(inputs).map(([k, a]) =>
    [k, { dataId: backend.write(a.data, a.shape, a.dtype ?? 'float32'), shape: a.shape, dtype: a.dtype ?? 'float32' }]));
  const f = kernel ?? (tf.getKernel(kernelName, name)!.kernelFunc as unknown as Kernel);
  const out = f({ inputs: infos, backend, attrs });
  for (const t of Object.values(infos)) backend.disposeData(t.dataId);
  const data = (backend.readSync(out.dataId) as Float32Array).slice();
  backend.disposeData(out.dataId);
  if (backend.numDataIds() !== before) throw new Error(`${kernelName} on ${name} leaked ${backend.numDataIds() - before} tensors`);
  return { shape: out.shape, data };
}
