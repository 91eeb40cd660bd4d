// Contract for ml2020-hw5-explain (seed 001, "HW5 - Explainable ML"): saliency maps and filter
// visualisation for the HW3 CNN. The grader trains the hw3 reference network itself (CIFAR-10 from
// the mirror's JPEG set; the seed's food-11 is not available) and hands it over as a model artifact:
//   input [N,32,32,3] = pixel / 255, output [N,10] logits (class scores before softmax);
//   layers conv1..conv5, bn1..bn5, relu1..relu5, pool1..pool5, flatten, dense1, dense2, logits.
// The solution may run any model it is given (the sanity check hands it a re-randomised copy too).
import type { ModelArtifact } from '../grading/model-artifact.ts';
import type { Array2 } from '../grading/types.ts';
import type { ImageBytes } from './images.ts';

/** Bytes 0..255, NHWC: images [n * 32 * 32 * 3], shape [n, 32, 32, 3]. */
export type ExplainImages = ImageBytes;

export interface FilterOptions {
  layer: string; // name of a layer of the model (e.g. 'relu2'); its output is [N, h, w, channels]
  filters: number[]; // channel indices: one visualisation per entry, in this order
  steps: number; // gradient-ascent steps (the solution chooses the update rule)
  seed: number; // seeds the starting images
}

export interface Ml2020Hw5Explain {
  /**
   * Vanilla-gradient saliency (Simonyan et al., 2014): for image i and class c = classes[i],
   *   map[i][y][x] = max over channels ch of | d logits[i][c] / d x[i][y][x][ch] |,
   * x = pixel / 255 the model's input, the model in inference mode. Returns maps [n, 32, 32].
   */
  saliency(model: ModelArtifact, images: ExplainImages, classes: Int32Array): Promise<{ maps: Array2<Float32Array> }>;
  /**
   * Filter visualisation by gradient ascent: for each k, an input image x_k in [0, 1]^{32x32x3}
   * that makes the mean over positions of channel filters[k] of the layer's output large.
   * Returns images [filters.length, 32, 32, 3] in [0, 1] (the model's input scale).
   */
  visualizeFilters(model: ModelArtifact, options: FilterOptions): Promise<{ images: Array2<Float32Array> }>;
}

export const hw5Functions = ['saliency', 'visualizeFilters'] as const;
