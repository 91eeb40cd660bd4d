// Clone samples per implemented contract: function name -> arbitrary of {args, result}.
import type fc from 'fast-check';
import { leidenDistanceKnn } from './leiden-distance-knn.ts';
import { leidenPerceptron } from './leiden-perceptron.ts';
import { leidenXor } from './leiden-xor.ts';
import { leidenMlpVsCnn } from './leiden-mlp-vs-cnn.ts';
import { sjtuLenetMynet } from './sjtu-lenet-mynet.ts';
import { ml2020Hw1Pm25 } from './ml2020-hw1-pm25.ts';
import { ml2020Hw2Income } from './ml2020-hw2-income.ts';
import { ml2020Hw3Cnn } from './ml2020-hw3-cnn.ts';
import { ml2020Hw5Explain } from './ml2020-hw5-explain.ts';
import { iustP5RnnAttention } from './iust-p5-rnn-attention.ts';
import { iustP6MetricsSsl } from './iust-p6-metrics-ssl.ts';
import { iustP1Probabilistic } from './iust-p1-probabilistic.ts';
import { iustP2Regularization } from './iust-p2-regularization.ts';
import { iustP3Cnn } from './iust-p3-cnn.ts';
import { iustP4TuningBn } from './iust-p4-tuning-bn.ts';
import { ml2020Hw7Compression } from './ml2020-hw7-compression.ts';
import { mitCnnRegularization } from './mit-cnn-regularization.ts';
import { ml2020Hw6Fgsm } from './ml2020-hw6-fgsm.ts';

export const contractSamples: Record<string, Record<string, fc.Arbitrary<unknown>>> = {
  'leiden-distance-knn': leidenDistanceKnn,
  'leiden-perceptron': leidenPerceptron,
  'leiden-xor': leidenXor,
  'leiden-mlp-vs-cnn': leidenMlpVsCnn,
  'sjtu-lenet-mynet': sjtuLenetMynet,
  'ml2020-hw1-pm25': ml2020Hw1Pm25,
  'ml2020-hw2-income': ml2020Hw2Income,
  'ml2020-hw3-cnn': ml2020Hw3Cnn,
  'ml2020-hw5-explain': ml2020Hw5Explain,
  'iust-p5-rnn-attention': iustP5RnnAttention,
  'iust-p6-metrics-ssl': iustP6MetricsSsl,
  'iust-p1-probabilistic': iustP1Probabilistic,
  'iust-p2-regularization': iustP2Regularization,
  'iust-p3-cnn': iustP3Cnn,
  'iust-p4-tuning-bn': iustP4TuningBn,
  'ml2020-hw7-compression': ml2020Hw7Compression,
  'mit-cnn-regularization': mitCnnRegularization,
  'ml2020-hw6-fgsm': ml2020Hw6Fgsm,
};
