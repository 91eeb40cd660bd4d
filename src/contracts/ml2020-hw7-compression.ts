// Contract for ml2020-hw7-compression (seed 001, "HW7 - Network Compression"): compress a trained
// Fashion-MNIST CNN four ways (magnitude pruning with fine-tuning, knowledge distillation into a small
// student, 8-bit weight quantization, a depthwise-separable redesign) and hand every result back as data.
//
// The grader trains the teacher itself (grader-side, cached) and hands it over as a model artifact.
// It keeps the test labels: every accuracy in the report is computed by the grader from the returned
// artifacts (or dequantized weights) on test images the solution never sees.
//
// Every model here takes x = pixel / 255 shaped [N, 28, 28, 1] and outputs logits [N, 10].
// Teacher: conv 16 3x3 same relu -> maxpool 2 -> conv 32 3x3 same relu -> maxpool 2 -> flatten [N,1568]
//          -> dense 64 relu -> dense 10 (105,866 parameters).
import type { ModelArtifact } from '../grading/model-artifact.ts';
import type { ImageBytes, LabelledImageBytes } from './images.ts';

/** Unlabelled images, bytes 0..255 NHWC: images [n * 28 * 28], shape [n, 28, 28, 1]. */
export type Images = ImageBytes;

/** Training images with their labels [n], classes 0..9. */
export type LabelledImages = LabelledImageBytes;

export interface TrainOptions {
  epochs: number; // passes over the (labelled or transfer) images
  batchSize: number;
  seed: number; // seeds initialisation and shuffling
}

export interface PruneResult {
  /** The teacher's architecture with at least `sparsity` of its conv/dense kernel entries exactly 0. */
  model: ModelArtifact;
  /** The fraction of zero kernel entries the solution claims (the grader counts them itself). */
  reportedSparsity: number;
}

/** The student both distillation and its control train: conv f1 3x3 same relu -> pool 2 -> conv f2 3x3
 *  same relu -> pool 2 -> flatten -> dense `dense` relu -> dense 10 (logits). */
export interface StudentSpec {
  filters: [number, number];
  dense: number;
}

export interface DistillOptions extends TrainOptions {
  temperature: number; // softens teacher and student logits: softmax(z / T)
  alpha: number; // weight of the soft-target loss (times T^2); 1 - alpha on the hard labels (labelled images only)
}

/** One quantized weight tensor: w ≈ scale * (values - zeroPoint), values int8 or uint8, one per entry. */
export interface QuantizedTensor {
  name: string; // the weight's name in the artifact's weightSpecs
  shape: number[];
  values: Int8Array | Uint8Array; // [prod(shape)] row-major, as the weight is stored
  scale: number; // float32
  zeroPoint: number; // an integer in the values' range (0 for symmetric int8)
}

export interface QuantizedModel {
  tensors: QuantizedTensor[]; // one per weight of the model, in weightSpecs order
}

export type ConvKind = 'conv2d' | 'depthwise' | 'separable';

/** A 2-D convolution layer's hyperparameters (square kernel). */
export interface ConvLayerSpec {
  kind: ConvKind;
  kernelSize: number;
  inChannels: number;
  outChannels: number; // filters; for 'depthwise' it must equal inChannels * depthMultiplier
  depthMultiplier: number; // 'depthwise' and 'separable' only (1 for 'conv2d')
  useBias: boolean;
}

export interface Ml2020Hw7Compression {
  /** Magnitude-prunes the teacher to `sparsity` of its conv/dense kernel entries and fine-tunes it on
   *  `train` with the pruned entries held at 0. */
  prune(teacher: ModelArtifact, train: LabelledImages, sparsity: number, options: TrainOptions): Promise<PruneResult>;
  /** The student trained alone on the small labelled set with cross-entropy (the control). */
  trainStudent(labelled: LabelledImages, student: StudentSpec, options: TrainOptions): Promise<ModelArtifact>;
  /** The same student trained on the same labelled set from the teacher's soft targets (Hinton et al.),
   *  which the teacher also provides on `transfer`: unlabelled images (n may be 0). `epochs` are
   *  passes over labelled + transfer images together. */
  distill(teacher: ModelArtifact, labelled: LabelledImages, transfer: Images, student: StudentSpec, options: DistillOptions): Promise<ModelArtifact>;
  /** 8-bit weight quantization of every weight tensor of the model. */
  quantize(model: ModelArtifact): Promise<QuantizedModel>;
  /** The number of parameters of one conv layer (what tf.layers would count). */
  convParams(layer: ConvLayerSpec): number;
  /** The teacher redesigned with depthwise-separable convolutions, trained on `train`. */
  trainSeparable(train: LabelledImages, options: TrainOptions): Promise<ModelArtifact>;
}

export const hw7Functions = ['prune', 'trainStudent', 'distill', 'quantize', 'convParams', 'trainSeparable'] as const;
