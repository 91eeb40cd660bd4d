// Contract for iust-p6-metrics-ssl (seed 003, P6 "Convolutional and Attention-based Networks,
// Evaluation Metrics, and GANs"): confusion counts and threshold trade-offs, rotation-prediction
// self-supervised pretraining, word2vec skip-gram, a REINFORCE architecture search, and a GAN
// whose sample quality the grader measures with its own classifier.
//
// Images are Fashion-MNIST bytes 0..255, NHWC [n, 28, 28, 1]. Models cross as artifacts
// (src/grading/model-artifact.ts) taking x = pixel / 255 as [N, 28, 28, 1].
import type { ModelArtifact } from '../grading/model-artifact.ts';
import type { Array2 } from '../grading/types.ts';
import { makeRng, gaussian } from '../engine/seed.ts';
import type { ImageBytes, LabelledImageBytes } from './images.ts';

/**
 * Counts at each threshold: an example is predicted positive when score >= threshold. Ratios with
 * a zero denominator are 0 (scikit-learn's zero_division=0): precision with no predicted positive,
 * recall with no actual positive, F1 when precision + recall = 0.
 */
export interface ConfusionAtThresholds {
  tp: Int32Array; fp: Int32Array; tn: Int32Array; fn: Int32Array; // [K] each
  precision: Float64Array; recall: Float64Array; f1: Float64Array; // [K] each
}

/**
 * An operating point under a constraint, among the candidate thresholds = the distinct scores:
 *  - {metric: 'precision', atLeast: p}: the smallest threshold whose precision >= p (the most
 *    recall a high-stakes decision can have while keeping precision, e.g. accusing someone);
 *  - {metric: 'recall', atLeast: r}: among thresholds whose recall >= r, the one with the highest
 *    precision, the largest such threshold on ties (screening: miss few positives).
 * threshold is null when no candidate meets the constraint (precision and recall are then 0).
 */
export interface OperatingPoint { threshold: number | null; precision: number; recall: number }
export interface Constraint { metric: 'precision' | 'recall'; atLeast: number }

export type FashionImages = ImageBytes;
export type LabelledImages = LabelledImageBytes;
export interface TrainOptions { epochs: number; batchSize: number; seed: number }

/** Rotation k in 0..3 means np.rot90(image, k): k quarter turns counter-clockwise. */
export interface RotationResult { model: ModelArtifact; loss: number[] } // model: [N,28,28,1] -> [N,4] logits
export interface ClassifierResult { model: ModelArtifact; loss: number[] } // model: [N,28,28,1] -> [N,10] logits

/** Tokens are the runs of letters and digits of the lower-cased text (see tokenize). */
export interface SkipGramOptions { dim: number; window: number; negatives: number; epochs: number; minCount: number; seed: number }
export interface WordVectors { vocab: string[]; vectors: Array2<Float32Array> } // vectors [V, dim]

export interface SearchOptions { method: 'reinforce' | 'random'; budget: number; seed: number }
export interface SearchResult {
  /** [budget] every architecture evaluated, in order, with the reward evaluateArchitecture gave it. */
  architectures: Architecture[];
  rewards: number[];
}

export interface GanOptions { steps: number; batchSize: number; seed: number; checkpoints: number[]; samplesPerCheckpoint: number }
export interface GanResult {
  dLoss: number[]; // [steps] discriminator loss at each step
  gLoss: number[]; // [steps] generator loss at each step
  /** One entry per checkpoint step (samples drawn after that many steps): images [n, 28, 28, 1] bytes. */
  samples: Array<{ step: number; images: Uint8Array }>;
}

export interface IustP6MetricsSsl {
  /** scores [N], labels [N] (1 positive, 0 negative), thresholds [K]. */
  confusionAtThresholds(scores: Float64Array, labels: Uint8Array, thresholds: Float64Array): Promise<ConfusionAtThresholds> | ConfusionAtThresholds;
  operatingPoint(scores: Float64Array, labels: Uint8Array, constraint: Constraint): Promise<OperatingPoint> | OperatingPoint;
  /** Self-supervised: learn to predict which of the 4 rotations was applied to unlabelled images. */
  pretrainRotation(images: FashionImages, options: TrainOptions): Promise<RotationResult>;
  /** Supervised, from scratch, or starting from a rotation model's trunk when `pretrained` is given. */
  trainClassifier(data: LabelledImages, options: TrainOptions & { pretrained?: ModelArtifact }): Promise<ClassifierResult>;
  trainSkipGram(texts: string[], options: SkipGramOptions): Promise<WordVectors>;
  /** Searches with evaluateArchitecture(arch, data) as the only source of rewards, `budget` calls. */
  searchArchitecture(data: NasData, options: SearchOptions): Promise<SearchResult>;
  trainGan(images: FashionImages, options: GanOptions): Promise<GanResult>;
}

export const p6Functions = ['confusionAtThresholds', 'operatingPoint', 'pretrainRotation', 'trainClassifier', 'trainSkipGram', 'searchArchitecture', 'trainGan'] as const;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

// ---- The architecture-search environment (the course's code, shared by solution and grader) ----
// A tiny regression task, y = f(x1, x2), fitted by a random-feature network: one or two hidden
// layers with fixed random weights, whose activations, widths and input scale the architecture
// chooses, then a ridge-regression readout with the chosen penalty. An evaluation takes about a
// millisecond, so search methods can be compared over many seeds.
export const nasOptions = {
  activation1: ['relu', 'tanh', 'sin', 'sigmoid'],
  width1: [4, 8, 16, 32],
  activation2: ['none', 'relu', 'tanh', 'sin'], // 'none': one hidden layer only
  width2: [4, 8, 16, 32],
  inputScale: [0.3, 1, 3, 10],
  ridge: [1e-6, 1e-3, 1e-1, 10],
} as const;
export const nasDecisions = Object.keys(nasOptions) as Array<keyof typeof nasOptions>;
/** One option index per decision, in nasDecisions order: [6] integers in 0..3. */
export type Architecture = number[];
export interface NasSplit { x: Array2<Float64Array>; y: Float64Array } // x [n, 2], y [n]
export interface NasData { train: NasSplit; val: NasSplit }

const act: Record<string, (z: number) => number> = {
  relu: (z) => Math.max(0, z), tanh: Math.tanh, sin: Math.sin, sigmoid: (z) => 1 / (1 + Math.exp(-z)),
};
let pool: { W1: Float64Array; b1: Float64Array; W2: Float64Array; b2: Float64Array } | undefined;
const fixedWeights = () => (pool ??= (() => {
  const rng = makeRng('nas-environment-weights');
  const draw = (n: number) => Float64Array.from({ length: n }, () => gaussian(rng));
  return { W1: draw(2 * 32), b1: draw(32), W2: draw(32 * 32), b2: draw(32) }; // W1 [2, 32], W2 [32, 32]
})());

/** Hidden features [n, w] of x [n, 2] under arch, plus a constant column: [n, w + 1]. */
function features(arch: Architecture, x: Array2<Float64Array>): { f: Float64Array; w: number } {
  const o = nasOptions;
  const { W1, b1, W2, b2 } = fixedWeights();
  const n = x.shape[0], w1 = o.width1[arch[1]], w2 = o.width2[arch[3]], s = o.inputScale[arch[4]];
  const deep = o.activation2[arch[2]] !== 'none';
  const w = deep ? w2 : w1;
  const f = new Float64Array(n * (w + 1));
  const h1 = new Float64Array(w1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < w1; j++) h1[j] = act[o.activation1[arch[0]]](s * (x.data[2 * i] * W1[j] + x.data[2 * i + 1] * W1[32 + j] + b1[j]));
    for (let j = 0; j < w; j++) {
      let z = h1[j];
      if (deep) {
        z = b2[j];
        for (let k = 0; k < w1; k++) z += (1.5 / Math.sqrt(w1)) * h1[k] * W2[k * 32 + j];
        z = act[o.activation2[arch[2]]](z);
      }
      f[i * (w + 1) + j] = z;
    }
    f[i * (w + 1) + w] = 1;
  }
  return { f, w: w + 1 };
}

/** Validation R^2 (clipped at 0) of the ridge readout trained on data.train: the reward, in [0, 1]. */
export function evaluateArchitecture(arch: Architecture, data: NasData): number {
  const tr = features(arch, data.train.x), va = features(arch, data.val.x);
  const p = tr.w, n = data.train.y.length;
  const A = new Float64Array(p * p), rhs = new Float64Array(p); // (F^T F + ridge I) beta = F^T y
  for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) {
    const fa = tr.f[i * p + a];
    rhs[a] += fa * data.train.y[i];
    for (let b = 0; b <= a; b++) A[a * p + b] += fa * tr.f[i * p + b];
  }
  const lambda = nasOptions.ridge[arch[5]];
  for (let a = 0; a < p; a++) { A[a * p + a] += lambda; for (let b = 0; b < a; b++) A[b * p + a] = A[a * p + b]; }
  const beta = solveSpd(A, rhs, p);
  const yv = data.val.y, m = yv.length;
  const mean = yv.reduce((s, v) => s + v, 0) / m;
  let sse = 0, sst = 0;
  for (let i = 0; i < m; i++) {
    let pred = 0;
    for (let a = 0; a < p; a++) pred += va.f[i * p + a] * beta[a];
    sse += (pred - yv[i]) ** 2;
    sst += (yv[i] - mean) ** 2;
  }
  const r2 = 1 - sse / sst;
  return Number.isFinite(r2) ? Math.max(0, r2) : 0;
}

/** Cholesky solve of A x = b for a symmetric positive-definite A [p, p] (a tiny jitter if needed). */
function solveSpd(A: Float64Array, b: Float64Array, p: number): Float64Array {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) {
    let s = A[i * p + j];
    for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
    L[i * p + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / L[j * p + j];
  }
  const y = new Float64Array(p), x = new Float64Array(p);
  for (let i = 0; i < p; i++) { let s = b[i]; for (let k = 0; k < i; k++) s -= L[i * p + k] * y[k]; y[i] = s / L[i * p + i]; }
  for (let i = p - 1; i >= 0; i--) { let s = y[i]; for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k]; x[i] = s / L[i * p + i]; }
  return x;
}
