// Reference solution for iust-p3-cnn: optimizers at a saddle point, convolution from scratch,
// layer arithmetic, and the brain MRI split and CNN. One file per part.
import type { IustP3Cnn } from '../../src/contracts/iust-p3-cnn.ts';
import { trainBrainMri, splitBrainMri } from './brain.ts';
import { convBackward, convForward } from './conv.ts';
import { convLayerInfo, inceptionInfo } from './layers.ts';
import { saddleDescent } from './saddle.ts';

const solution: IustP3Cnn = { saddleDescent, convForward, convBackward, convLayerInfo, inceptionInfo, splitBrainMri, trainBrainMri };
export default solution;
