// Helpers for the fast wasm kernels: run wasm's own kernels on TensorInfos inside a kernel, and free
// the intermediates with backend.disposeData (never wrap a kernel input in a tf.Tensor: disposing
// the wrapper would free the caller's data).
//
// A replaced kernel often still needs wasm's stock version (as a fallback for attributes it does
// not speed up, or as a building block), but index.ts unregisters the stock config before
// registering ours. So this module imports the wasm backend itself (which registers its kernels)
// and keeps the stock configs of every kernel it is asked about, before anything replaces them.
import '@tensorflow/tfjs-backend-wasm';
import { getKernel, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';

/** wasm's backend as our kernels use it (BackendWasm, reduced to what we touch). */
export interface WasmBackend {
  disposeData(dataId: object): boolean;
  incRef(dataId: object): void;
  makeOutput(shape: number[], dtype: string, memoryOffset?: number, values?: Float32Array): TensorInfo;
}

const REPLACED = ['BatchMatMul', 'Cast', 'Conv2DBackpropInput', 'FusedBatchNorm', 'Identity', 'MaxPoolGrad', 'Mean', 'Sum'];
const stockConfigs = new Map<string, KernelConfig>();
for (const name of REPLACED) {
  const config = getKernel(name, 'wasm');
  if (config) stockConfigs.set(name, config);
}

/** wasm's own config for a kernel, whether or not gradebench replaced it since. */
export function stockKernel(name: string): KernelConfig {
  const config = stockConfigs.get(name) ?? getKernel(name, 'wasm');
  if (!config) throw new Error(`gradebench fast kernels: wasm has no kernel '${name}'`);
  return config;
}

/** Runs wasm's stock kernel `name` on TensorInfos. The result belongs to the caller. */
export function run(name: string, backend: WasmBackend, inputs: Record<string, TensorInfo>, attrs: object = {}): TensorInfo {
  const out = stockKernel(name).kernelFunc({ inputs, backend: backend as never, attrs: attrs as NamedAttrMap });
  return out as TensorInfo;
}

/**
 * A replacement config for wasm's `name`: its setupFunc also sets up the stock kernel (which may
 * be unregistered, so the engine would never call that one's setup and its wasm function would
 * stay unbound).
 */
export function replacement(name: string, kernelFunc: (args: { inputs: Record<string, TensorInfo>; backend: WasmBackend; attrs: Record<string, unknown> }) => TensorInfo): KernelConfig {
  const stock = stockConfigs.get(name);
  return {
    kernelName: name,
    backendName: 'wasm',
    setupFunc: stock?.setupFunc,
    kernelFunc: kernelFunc as unknown as KernelFunc,
  };
}

/** Intermediates of one kernel call, freed together. */
export class Scratch {
  private readonly owned: TensorInfo[] = [];
  constructor(readonly backend: WasmBackend) {}
  /** Runs a stock kernel and keeps its output for freeing. */
  run(name: string, inputs: Record<string, TensorInfo>, attrs: object = {}): TensorInfo {
    const out = run(name, this.backend, inputs, attrs);
    this.owned.push(out);
    return out;
  }
  /** A float32 tensor with these values, freed with the intermediates. */
  constant(shape: number[], values: Float32Array): TensorInfo {
    const t = this.backend.makeOutput(shape, 'float32', undefined, values);
    this.owned.push(t);
    return t;
  }
  /** Frees every intermediate except `result`, the kernel's output (or a reshaped alias of it). */
  free(result?: TensorInfo): void {
    for (const t of this.owned) if (t.dataId !== result?.dataId) this.backend.disposeData(t.dataId);
    this.owned.length = 0;
  }
}

/**
 * x [N,H,W,C] with `fill` rows/cols added where a padding is positive, and cut where it is
 * negative (top, left, bottom, right). Cutting is a Slice, which wasm does in JavaScript: only
 * unusual geometries need it.
 */
export function regrid(s: Scratch, x: TensorInfo, top: number, left: number, bottom: number, right: number, fill: number): TensorInfo {
  let t = x;
  const [ct, cl, cb, cr] = [top, left, bottom, right].map((p) => Math.max(0, -p));
  if (ct + cl + cb + cr > 0) {
    const [n, h, w, c] = t.shape;
    t = s.run('Slice', { x: t }, { begin: [0, ct, cl, 0], size: [n, h - ct - cb, w - cl - cr, c] });
  }
  const [pt, pl, pb, pr] = [top, left, bottom, right].map((p) => Math.max(0, p));
  if (pt + pl + pb + pr > 0) {
    t = s.run('PadV2', { x: t }, { paddings: [[0, 0], [pt, pb], [pl, pr], [0, 0]], constantValue: fill });
  }
  return t;
}

/** x [N,H,W,C] on a zero grid [N, H*sh, W*sw, C]: x[i, j] at (i*sh, j*sw), zeros between. */
export function zeroGrid(s: Scratch, x: TensorInfo, sh: number, sw: number): TensorInfo {
  if (sh === 1 && sw === 1) return x;
  const [n, h, w, c] = x.shape;
  const grid = s.run('PadV2', { x: reshaped(x, [n, h, 1, w, 1, c]) },
    { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 });
  return reshaped(grid, [n, h * sh, w * sw, c]);
}

/** The same data under another shape; shares the dataId, so never free both. */
export function reshaped(x: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: x.dataId, shape, dtype: x.dtype };
}

export function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
