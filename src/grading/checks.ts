// Assertions specs use on what a solution returned. Failures name the array, then the shape, then
// the first differing element (as a multi-index) with actual and expected values.
import { RequirementFailed, SolutionError } from './errors.ts';

export type NumericArray = Float32Array | Float64Array | Int32Array | Uint8Array | number[];
export interface Shaped { data: NumericArray; shape: number[] }

/** Checks a solution's output is a typed array of the given shape (-1: any size) with finite values. */
export function expectArray(value: unknown, name: string, shape: number[], opts: { finite?: boolean } = {}): Shaped {
  const v = value as Partial<Shaped> | undefined;
  if (!v || !(ArrayBuffer.isView(v.data) || Array.isArray(v.data)) || !Array.isArray(v.shape)) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT', `expected {data: TypedArray, shape: number[]}, got ${describe(value)}`, name);
  }
  const data = v.data as NumericArray;
  const sizeOk = v.shape.reduce((p, d) => p * d, 1) === data.length;
  const shapeOk = v.shape.length === shape.length && shape.every((d, i) => d === -1 || d === v.shape![i]);
  if (!shapeOk || !sizeOk) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT', `shape [${v.shape}] (${data.length} values), expected [${shape.map((d) => (d === -1 ? '*' : d))}]`, name);
  }
  if (opts.finite !== false) expectFinite(data, name);
  return { data, shape: v.shape };
}

export function expectFinite(data: ArrayLike<number>, name: string): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new SolutionError('SOLUTION_BAD_OUTPUT', `value ${data[i]} at flat index ${i} is not finite`, name);
    }
  }
}

export function expectNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SolutionError('SOLUTION_BAD_OUTPUT', `expected a finite number, got ${describe(value)}`, name);
  }
  return value;
}

/** Elementwise |a - e| <= atol + rtol * |e|; reports shape, then the first bad element. */
export function assertClose(actual: Shaped, expected: Shaped, name: string, tol: { rtol?: number; atol?: number } = {}): void {
  const { rtol = 1e-5, atol = 1e-6 } = tol;
  if (actual.shape.length !== expected.shape.length || actual.shape.some((d, i) => d !== expected.shape[i])) {
    throw new RequirementFailed(`${name}: shape [${actual.shape}] differs from expected [${expected.shape}]`);
  }
  for (let i = 0; i < expected.data.length; i++) {
    const a = Number(actual.data[i]);
    const e = Number(expected.data[i]);
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      throw new RequirementFailed(`${name}: at [${unravel(i, expected.shape)}] actual ${a} vs expected ${e} (rtol ${rtol}, atol ${atol})`);
    }
  }
}

export function unravel(flat: number, shape: number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return idx;
}

/** Fraction of positions where predictions equal labels. */
export function accuracy(pred: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (pred.length !== labels.length) throw new RequirementFailed(`accuracy: ${pred.length} predictions for ${labels.length} labels`);
  let ok = 0;
  for (let i = 0; i < labels.length; i++) if (pred[i] === labels[i]) ok++;
  return ok / labels.length;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as Float32Array).length})`;
  if (typeof v === 'object') return `{${Object.keys(v).slice(0, 5).join(', ')}}`;
  return `${typeof v} ${String(v).slice(0, 40)}`;
}
