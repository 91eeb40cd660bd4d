// Helpers for composite wasm kernels: run other wasm kernels on TensorInfos and free every
// intermediate when the composite returns or throws. Kernel inputs are never disposed (that would
// free the caller's data); a Reshape of an input only bumps its refCount, so freeing it is safe.
import { getKernel, util, type DataType, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type ExplicitPad = [[number, number], [number, number], [number, number], [number, number]];

export class WasmOps {
  private readonly made: TensorInfo[] = [];

  constructor(readonly backend: BackendWasm) {}

  /** Runs wasm's kernel `name` (whatever is registered now) and tracks its output. */
  run(name: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap = {}): TensorInfo {
    const kernel = getKernel(name, 'wasm');
    if (!kernel) throw new Error(`gradebench: wasm kernel ${name} is not registered; import @tensorflow/tfjs-backend-wasm first`);
    const out = kernel.kernelFunc({ inputs, backend: this.backend, attrs }) as TensorInfo;
    this.made.push(out);
    return out;
  }

  /** A new tensor on the wasm heap from JS values. */
  tensor(values: Int32Array | Float32Array, shape: number[], dtype: DataType): TensorInfo {
    const out = this.backend.makeOutput(shape, dtype, undefined, values);
    this.made.push(out);
    return out;
  }

  zeros(shape: number[], dtype: DataType = 'float32'): TensorInfo {
    return this.run('Fill', {}, { shape, value: 0, dtype });
  }

  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  sum(x: TensorInfo, axis: number[]): TensorInfo {
    return this.run('Sum', { x }, { axis, keepDims: false });
  }

  slice(x: TensorInfo, begin: number[], size: number[]): TensorInfo {
    return this.run('Slice', { x }, { begin, size });
  }

  /**
   * Prepares x [N, H, W, C] for a 'valid'-by-explicit-pad conv that should see `top` rows before
   * row 0 and `bottom` rows after the last (zeros), likewise left/right. Negative amounts mean
   * rows no window reaches: those are cropped (XNNPACK takes no negative padding). Returns
   * undefined when no window reaches x at all (then the caller's result is all zeros).
   */
  cropForPad(x: TensorInfo, top: number, bottom: number, left: number, right: number): { x: TensorInfo; pad: ExplicitPad } | undefined {
    const [n, h, w, c] = x.shape;
    const ct = Math.max(0, -top), cb = Math.max(0, -bottom), cl = Math.max(0, -left), cr = Math.max(0, -right);
    if (ct + cb >= h || cl + cr >= w) return undefined;
    const cropped = ct + cb + cl + cr > 0 ? this.slice(x, [0, ct, cl, 0], [n, h - ct - cb, w - cl - cr, c]) : x;
    const pad: ExplicitPad = [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]];
    return { x: cropped, pad };
  }

  /** Inserts sh-1 zero rows and sw-1 zero columns after each one: [N, H, W, C] -> [N, H*sh, W*sw, C]. */
  dilateWithZeros(x: TensorInfo, sh: number, sw: number): TensorInfo {
    if (sh === 1 && sw === 1) return x;
    const [n, h, w, c] = x.shape;
    const x6 = this.reshape(x, [n, h, 1, w, 1, c]);
    const paddings = [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]];
    const padded = this.run('PadV2', { x: x6 }, { paddings, constantValue: 0 }); // [N, H, sh, W, sw, C]
    return this.reshape(padded, [n, h * sh, w * sw, c]);
  }

  /** Frees every tracked intermediate except `keep`. */
  release(keep?: TensorInfo): void {
    for (const t of this.made) if (t !== keep) this.backend.disposeData(t.dataId);
    this.made.length = 0;
  }
}

/** Runs `body` with a fresh WasmOps; only its result survives. */
export function composite(backend: BackendWasm, body: (k: WasmOps) => TensorInfo): TensorInfo {
  const k = new WasmOps(backend);
  let out: TensorInfo | undefined;
  try {
    out = body(k);
    return out;
  } finally {
    k.release(out);
  }
}

export const isEmpty = (shape: number[]): boolean => util.sizeFromShape(shape) === 0;
