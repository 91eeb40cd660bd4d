// Helpers for gradebench's wasm kernels (the training kernels wasm lacks and the fast replacements):
// run wasm's own kernels on TensorInfos inside a kernel, and free the intermediates with
// backend.disposeData (never wrap a kernel input in a tf.Tensor: disposing the wrapper would free
// the caller's data). Reshapes are aliases (reshaped()), never the Reshape kernel: an alias takes no
// reference, so Scratch.free can keep the result's data by its dataId.
//
// A replaced kernel often still needs wasm's stock version (as a fallback for attributes it does
// not speed up, or as a building block), but index.ts unregisters the stock config before
// registering ours. So this module imports the wasm backend itself (which registers its kernels)
// and keeps the stock configs of every kernel it is asked about, before anything replaces them.
import '@tensorflow/tfjs-backend-wasm';
import { getKernel, type DataType, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';

/** wasm's backend as our kernels use it (BackendWasm, reduced to what we touch). */
export interface WasmBackend {
  disposeData(dataId: object): boolean;
  incRef(dataId: object): void;
  makeOutput(shape: number[], dtype: DataType, memoryOffset?: number, values?: Float32Array | Int32Array): TensorInfo;
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
  /** A tensor with these values, freed with the intermediates. */
  constant(shape: number[], values: Float32Array | Int32Array, dtype: DataType = 'float32'): TensorInfo {
    const t = this.backend.makeOutput(shape, dtype, undefined, values);
    this.owned.push(t);
    return t;
  }
  zeros(shape: number[], dtype: DataType = 'float32'): TensorInfo {
    return this.run('Fill', {}, { shape, value: 0, dtype });
  }
  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }
  slice(x: TensorInfo, begin: number[], sizes: number[]): TensorInfo {
    return this.run('Slice', { x }, { begin, size: sizes });
  }
  /** Frees every intermediate except `result`, the kernel's output (or a reshaped alias of it). */
  free(result?: TensorInfo): void {
    for (const t of this.owned) if (t.dataId !== result?.dataId) this.backend.disposeData(t.dataId);
    this.owned.length = 0;
  }
}

/** Runs `body` with a fresh Scratch; only its result survives, also when body throws. */
export function withScratch(backend: WasmBackend, body: (s: Scratch) => TensorInfo): TensorInfo {
  const s = new Scratch(backend);
  let out: TensorInfo | undefined;
  try {
    out = body(s);
    return out;
  } finally {
    s.free(out);
  }
}

export type ExplicitPad = [[number, number], [number, number], [number, number], [number, number]];

/**
 * Prepares x [N, H, W, C] for a conv with explicit padding that should see `top` zero rows before
 * row 0 and `bottom` after the last, likewise left/right. Negative amounts mean rows no window
 * reaches: those are cropped (XNNPACK takes no negative padding). Returns undefined when no window
 * reaches x at all (then the caller's result is all zeros).
 */
export function cropForPad(s: Scratch, x: TensorInfo, top: number, bottom: number, left: number, right: number): { x: TensorInfo; pad: ExplicitPad } | undefined {
  const [n, h, w, c] = x.shape;
  const ct = Math.max(0, -top), cb = Math.max(0, -bottom), cl = Math.max(0, -left), cr = Math.max(0, -right);
  if (ct + cb >= h || cl + cr >= w) return undefined;
  const cropped = ct + cb + cl + cr > 0 ? s.slice(x, [0, ct, cl, 0], [n, h - ct - cb, w - cl - cr, c]) : x;
  const pad: ExplicitPad = [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]];
  return { x: cropped, pad };
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

export const isEmpty = (shape: number[]): boolean => size(shape) === 0;
