// Reference solution for iust-p4-tuning-bn: batch norm from scratch, layer arithmetic, the MNIST
// CNN and its hyperparameter search, Grad-CAM, and the consumption LSTM. One file per part.
import type { IustP4TuningBn } from '../../src/contracts/iust-p4-tuning-bn.ts';
import { batchnormBackward, batchnormForward } from './batchnorm.ts';
import { trainCnn } from './cnn.ts';
import { fitForecaster } from './forecast.ts';
import { gradCam } from './gradcam.ts';
import { convOutputSize, convParams, dilatedSamePadding } from './layers.ts';
import { searchHyperparameters } from './search.ts';

const solution: IustP4TuningBn = {
  batchnormForward, batchnormBackward, convOutputSize, convParams, dilatedSamePadding,
  trainCnn, searchHyperparameters, gradCam, fitForecaster,
};
export default solution;
