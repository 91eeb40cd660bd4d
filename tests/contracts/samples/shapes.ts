// Shared arbitraries for contract samples: typed arrays with shapes.
import fc from 'fast-check';

/** {data: Float64Array, shape: [n, d]} with n in 1..8, d fixed. */
export const matrix64 = (d: number) => fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.float64Array({ minLength: n * d, maxLength: n * d, noNaN: true }).map((data) => ({ data, shape: [n, d] })));

/** Byte images {images: Uint8Array [n, h, w, c], shape} with small n. */
export const images = (h: number, w: number, c: number) => fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.uint8Array({ minLength: n * h * w * c, maxLength: n * h * w * c }).map((data) => ({ images: data, shape: [n, h, w, c] as [number, number, number, number] })));

export const labels = (n: number, classes: number) => fc.array(fc.integer({ min: 0, max: classes - 1 }), { minLength: n, maxLength: n }).map((v) => Int32Array.from(v));
