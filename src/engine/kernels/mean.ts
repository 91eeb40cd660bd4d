// Mean over a block of axes that is not innermost, for wasm: one AvgPool, as in sum.ts, instead
// of wasm's transpose-then-reduce (batch-norm statistics: axes [0,1,2] of [N,H,W,C], about 12 ms
// for [64,32,32,32] stock, about 1 ms pooled). Other axes go to the stock kernel.
import type { TensorInfo } from '@tensorflow/tfjs';
import { replacement, run } from './fast-ops.ts';
import { blockReduce } from './sum.ts';

export const meanConfig = replacement('Mean', ({ inputs, backend, attrs }) => {
  const { x } = inputs as { x: TensorInfo };
  return blockReduce(backend, x, attrs.axis, !!attrs.keepDims, () => 1) ?? run('Mean', backend, { x }, attrs);
});
