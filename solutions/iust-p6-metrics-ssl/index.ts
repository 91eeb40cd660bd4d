// Reference solution for iust-p6-metrics-ssl.
import type { IustP6MetricsSsl } from '../../src/contracts/iust-p6-metrics-ssl.ts';
import { trainGan } from './gan.ts';
import { confusionAtThresholds, operatingPoint } from './metrics.ts';
import { searchArchitecture } from './search.ts';
import { pretrainRotation, trainClassifier } from './ssl.ts';
import { trainSkipGram } from './word2vec.ts';

const solution: IustP6MetricsSsl = {
  confusionAtThresholds, operatingPoint, pretrainRotation, trainClassifier, trainSkipGram, searchArchitecture, trainGan,
};
export default solution;
