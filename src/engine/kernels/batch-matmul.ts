// BatchMatMul for wasm with explicit transposes. wasm's kernel is fast (XNNPACK) only for plain
// products; with transposeA or transposeB it is many times slower. Dense layers' gradients are
// exactly those products: dW = x^T dy and dx = dy W^T. Measured here with fresh tensors, as in
// training (XNNPACK repacks the right operand whenever it is a new tensor):
//   dW, [64,4096]^T x [64,128]:  about 60 ms stock, 3.6 ms as Transpose(x) then a plain product;
//   dx, [64,128] x [4096,128]^T: about 37 ms stock, 6.8 ms as dy x Transpose(W), and 3.7 ms as
//   Transpose(W x dy^T): the large W is then the streamed left operand instead of being copied
//   and repacked.
// Routes (a: [..., M, K] or [..., K, M] with transposeA; b: [..., K, P] or [..., P, K] with
// transposeB; batch axes broadcast as in the stock kernel; T() swaps the last two axes):
//   transposeA and transposeB: T(b x a)
//   transposeA only:           T(a) x b
//   transposeB only:           T(b x T(a)) when b is larger than a and the output together,
//                              else a x T(b)
import type { TensorInfo } from '@tensorflow/tfjs';
import { replacement, Scratch, size } from './fast-ops.ts';

/** perm swapping the last two axes of a rank-r tensor */
function swapLast(rank: number): number[] {
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

export const batchMatMulConfig = replacement('BatchMatMul', ({ inputs, backend, attrs }) => {
  const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
  const [tA, tB] = [!!attrs.transposeA, !!attrs.transposeB];
  const s = new Scratch(backend);
  const T = (x: TensorInfo) => s.run('Transpose', { x }, { perm: swapLast(x.shape.length) });
  const plain = (x: TensorInfo, y: TensorInfo) => s.run('BatchMatMul', { a: x, b: y }, { transposeA: false, transposeB: false });
  let out: TensorInfo;
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || (!tA && !tB)) {
    out = s.run('BatchMatMul', { a, b }, attrs); // the stock kernel's own checks and errors
  } else if (tA && tB) {
    out = T(plain(b, a));
  } else if (tA) {
    out = plain(T(a), b);
  } else {
    const batch = Math.max(size(a.shape.slice(0, -2)), size(b.shape.slice(0, -2)));
    const outSize = batch * a.shape[a.shape.length - 2] * b.shape[b.shape.length - 2]; // [..., M, P]
    out = size(b.shape) > size(a.shape) + outSize ? T(plain(b, T(a))) : plain(a, T(b));
  }
  s.free(out);
  return out;
});
