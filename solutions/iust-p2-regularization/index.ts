// Reference solution for iust-p2-regularization: dropout, the distillation loss and penalised
// logistic regression in float64 JavaScript; k-NN distances and the MLPs in tfjs.
import type { IustP2Regularization } from '../../src/contracts/iust-p2-regularization.ts';
import { distillationLoss } from './distillation.ts';
import { dropout } from './dropout.ts';
import { knnPredict } from './knn.ts';
import { trainMlp } from './mlp.ts';
import { trainPenalized } from './penalized.ts';

const solution: IustP2Regularization = { dropout, knnPredict, trainPenalized, distillationLoss, trainMlp };
export default solution;
