// The public solution kit: the one project module a solution may import, besides @tensorflow/tfjs
// (the harness has already chosen and initialised the backend), node: built-ins and the files of its
// own submission folder. The isolated host bundles each submission and refuses any other import, so
// everything a solution needs by value is here; types may still come from anywhere with
// `import type` (the contracts' types from src/contracts/<id>.ts), since the bundler erases them.
// Never export an answer to an assignment here (the graders' own networks live in src/models/).
// tests/grading/solution-imports.test.ts checks what solutions import and what this module pulls in.
export { exportModel, importModel, type ModelArtifact } from './grading/model-artifact.ts';
export { makeRng, permutation, gaussian, seedEverything, type Rng } from './engine/seed.ts';
export type { Array2 } from './grading/types.ts';
export { fitFast, makeTrainStep, type FitFastOptions, type EpochLogs } from './engine/train-loop.ts';
export { recalibrateBatchNorm } from './engine/batch-norm.ts';

// Each assignment's contract, whole, under the camel-cased assignment id: its documented constants
// (function-name lists, tables, search spaces, input shapes) and helpers that are part of the
// contract (tokenizers, the NAS proxy). Namespaces because contracts reuse names (`tokenize`):
//   import { leidenXor } from '../../src/kit.ts';  ...  leidenXor.xorTable
export * as iustP1Probabilistic from './contracts/iust-p1-probabilistic.ts';
export * as iustP2Regularization from './contracts/iust-p2-regularization.ts';
export * as iustP3Cnn from './contracts/iust-p3-cnn.ts';
export * as iustP4TuningBn from './contracts/iust-p4-tuning-bn.ts';
export * as iustP5RnnAttention from './contracts/iust-p5-rnn-attention.ts';
export * as iustP6MetricsSsl from './contracts/iust-p6-metrics-ssl.ts';
export * as leidenDistanceKnn from './contracts/leiden-distance-knn.ts';
export * as leidenMlpVsCnn from './contracts/leiden-mlp-vs-cnn.ts';
export * as leidenPerceptron from './contracts/leiden-perceptron.ts';
export * as leidenXor from './contracts/leiden-xor.ts';
export * as mitCnnRegularization from './contracts/mit-cnn-regularization.ts';
export * as ml2020Hw1Pm25 from './contracts/ml2020-hw1-pm25.ts';
export * as ml2020Hw2Income from './contracts/ml2020-hw2-income.ts';
export * as ml2020Hw3Cnn from './contracts/ml2020-hw3-cnn.ts';
export * as ml2020Hw5Explain from './contracts/ml2020-hw5-explain.ts';
export * as ml2020Hw6Fgsm from './contracts/ml2020-hw6-fgsm.ts';
export * as ml2020Hw7Compression from './contracts/ml2020-hw7-compression.ts';
export * as sjtuLenetMynet from './contracts/sjtu-lenet-mynet.ts';
