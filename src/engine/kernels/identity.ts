// Identity (and Cast to the same dtype) for wasm without a copy: the output shares the input's
// data and takes a reference on it, exactly as the cpu backend's Identity does (tensors are
// immutable; Variable.assign swaps data ids, it never writes in place).
// The tape saves every input or output a gradient needs through Identity (engine.clone), and
// wasm's stock Identity copies: in a MyNet step that was about 30 copies of activations like
// [64,32,32,32], about 18 ms; Cast float32 -> float32 (tf.moments casts its input) copied too.
import type { TensorInfo } from '@tensorflow/tfjs';
import { replacement, run, type WasmBackend } from './fast-ops.ts';

function share(backend: WasmBackend, x: TensorInfo): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const identityConfig = replacement('Identity', ({ inputs, backend }) => {
  const { x } = inputs as { x: TensorInfo };
  return x.dtype === 'string' ? run('Identity', backend, { x }) : share(backend, x);
});

export const castConfig = replacement('Cast', ({ inputs, backend, attrs }) => {
  const { x } = inputs as { x: TensorInfo };
  return x.dtype === attrs.dtype && x.dtype !== 'string' ? share(backend, x) : run('Cast', backend, { x }, attrs);
});
