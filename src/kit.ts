// The public solution kit: what a solution may import besides @tensorflow/tfjs (the harness has
// already chosen and initialised the backend). Never import the grader's internals from a solution.
export { exportModel, importModel, type ModelArtifact } from './grading/model-artifact.ts';
export { makeRng, permutation, gaussian, seedEverything, type Rng } from './engine/seed.ts';
export type { Array2 } from './grading/types.ts';
export { fitFast, makeTrainStep, type FitFastOptions, type EpochLogs } from './engine/train-loop.ts';
export { recalibrateBatchNorm } from './engine/batch-norm.ts';
export { lenet5 } from './models/lenet5.ts';
export { mynet } from './models/mynet.ts';
