// Contract for ml2020-hw6-fgsm (seed 001, "HW6 - Adversarial Attack"): the Fast Gradient Sign Method
// against a CNN the grader trained. The grader hands over the network (a model artifact whose output
// is logits [N, classes]) with images and their true labels; the solution returns the adversarial
// images. The grader predicts on both sets itself, so it alone decides which labels flipped.
//
// FGSM (Goodfellow et al. 2015), one step of size epsilon in the L-inf ball around x:
//   x' = clip(x + epsilon * sign(grad_x CE(softmax(f(x)), y)), 0, 1)
// where CE is the cross-entropy of the true label y.
import type { ModelArtifact } from '../grading/model-artifact.ts';
import type { Array2 } from '../grading/types.ts';

export interface FgsmRequest {
  /** The target network; model.predict(x [N, H, W, C]) gives logits [N, classes]. */
  model: ModelArtifact;
  /** Images [N, H, W, C], values in [0, 1]. */
  images: Array2<Float32Array>;
  /** True labels [N], 0..classes-1. */
  labels: Int32Array;
  /** L-inf budget in pixel units of [0, 1] (8/255, 15/255, ...). */
  epsilon: number;
}

export interface Ml2020Hw6Fgsm {
  /** The FGSM adversarial images [N, H, W, C]: within epsilon of the input in every pixel, in [0, 1]. */
  fgsm(request: FgsmRequest): Promise<Array2<Float32Array>> | Array2<Float32Array>;
}

export const fgsmFunctions = ['fgsm'] as const;
