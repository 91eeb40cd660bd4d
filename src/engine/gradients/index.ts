// Gradient overrides (registerGradient applies to every backend). The engine calls
// registerFastGradients() once at start-up; calling it again does nothing.
import { registerGradient } from '@tensorflow/tfjs';
import { fusedBatchNormGradConfig } from './fused-batch-norm-grad.ts';
import { meanGradConfig, sumGradConfig } from './reduce-grad.ts';

let registered = false;

export function registerFastGradients(): void {
  if (registered) return;
  registered = true;
  registerGradient(fusedBatchNormGradConfig); // no Tile; shared channel sums
  registerGradient(meanGradConfig); // no tf.ones (a JavaScript array upload)
  registerGradient(sumGradConfig);
}
