// Contract for iust-p5-rnn-attention (seed 003, P5 "RNNs, Backpropagation, and Attention
// Mechanisms"): a vanilla RNN and its backpropagation through time from scratch, softmax vs
// "argmax" attention, a one-to-many RNN, and a character-level language model.
//
// Every array is float64 row-major with its shape (Array2<Float64Array>). Caches are the
// solution's own structured-cloneable data (typed arrays, numbers, plain objects): the grader hands
// a cache back unchanged and never looks inside.
import type { Array2 } from '../grading/types.ts';

export type F64 = Array2<Float64Array>;

/** h_t = tanh(x_t Wx + h_{t-1} Wh + b), t = 0..T-1, starting from h_{-1} = h0. */
export interface RnnForward { h: F64; cache: unknown } // h [T, N, H]
export interface RnnGradients { dx: F64; dh0: F64; dWx: F64; dWh: F64; db: F64 }

export type AttentionKind = 'softmax' | 'argmax';
/**
 * Dot-product attention of one query over L keys: s_l = q . k_l / sqrt(D); weights a = softmax(s)
 * ('softmax') or the one-hot of argmax_l s_l, first maximum on ties ('argmax'); out = sum_l a_l v_l.
 */
export interface AttentionForward { out: F64; weights: F64; cache: unknown } // out [N, E], weights [N, L]
export interface AttentionGradients { dq: F64; dk: F64; dv: F64; dscores: F64 } // dscores [N, L] = dLoss/ds

/**
 * A key-value lookup task. Example n holds L keys [D] with a class value each; its query is a
 * fixed unknown linear map of one of its keys plus noise; the answer is that key's value. A model
 * must learn how queries match keys, and only the attention scores carry that.
 */
export interface LookupSet {
  queries: F64; // [N, D]
  keys: F64; // [N, L, D]
  values: Int32Array; // [N * L] class of each key, 0..classes-1
}
export interface LookupTask {
  train: LookupSet & { targets: Int32Array }; // targets [N]: the value of the key the query came from
  eval: LookupSet; // targets kept by the grader
  classes: number;
}
export interface AttentionTrainOptions { kind: AttentionKind; steps: number; seed: number }
export interface AttentionTrainResult {
  loss: number[]; // [steps] training loss before each update
  /** [steps] Frobenius norm of dLoss/dscores over the batch at each step: the scores' gradient signal. */
  scoreGradNorm: number[];
  evalPredictions: Int32Array; // [M] predicted class of each eval example
}

/** One input vector in, a sequence of T classes out (e.g. counting from a start in a given step). */
export interface OneToManyTask {
  inputs: F64; // [N, D]
  targets: Int32Array; // [N * T]
  length: number; // T
  classes: number;
}
export interface OneToManyResult {
  loss: number[]; // training loss per reported step
  evalPredictions: Int32Array; // [M * T] for the eval inputs [M, D]
}

/**
 * Character language model. vocab[0] is '\n', the sentence boundary; every sentence is read as
 * '\n' + sentence + '\n'. For a held-out sentence of m characters the model returns m + 1
 * distributions over the vocabulary: the next character after '\n', after the first character, ...,
 * after the last one (where the right answer is '\n'). Each sentence starts from a fresh state.
 */
export interface CharCorpus { train: string[]; vocab: string[] }
export interface CharLmOptions { seed: number; steps: number }
export interface CharLmResult {
  /** [sum over held-out sentences of (m + 1), vocab.length] next-character probabilities, rows sum to 1. */
  probabilities: Array2<Float32Array | Float64Array>;
  /** One sampled continuation per prompt (the prompt's own characters not repeated), ending at '\n' or 80 chars. */
  samples: string[];
  loss: number[]; // training cross-entropy (nats per character) per reported step
}

export interface IustP5RnnAttention {
  /** x [T, N, D], h0 [N, H], Wx [D, H], Wh [H, H], b [H] -> h [T, N, H] and a cache. */
  rnnForward(x: F64, h0: F64, Wx: F64, Wh: F64, b: F64): Promise<RnnForward> | RnnForward;
  /** dh [T, N, H]: the upstream gradient of every hidden state -> gradients of every input. */
  rnnBackward(dh: F64, cache: unknown): Promise<RnnGradients> | RnnGradients;
  /** q [N, D], k [N, L, D], v [N, L, E]. */
  attentionForward(q: F64, k: F64, v: F64, kind: AttentionKind): Promise<AttentionForward> | AttentionForward;
  /** dout [N, E] -> dq [N, D], dk [N, L, D], dv [N, L, E], dscores [N, L]. */
  attentionBackward(dout: F64, cache: unknown): Promise<AttentionGradients> | AttentionGradients;
  /** Trains an attention lookup model whose only attention is of options.kind. */
  trainAttention(task: LookupTask, options: AttentionTrainOptions): Promise<AttentionTrainResult>;
  /** Trains a one-to-many RNN on task, predicts the sequences of evalInputs [M, D]. */
  trainOneToMany(task: OneToManyTask, evalInputs: F64, options: { seed: number; steps: number }): Promise<OneToManyResult>;
  /** Trains on corpus.train; returns next-character distributions on heldOut and samples after prompts. */
  trainCharLm(corpus: CharCorpus, heldOut: string[], prompts: string[], options: CharLmOptions): Promise<CharLmResult>;
}

export const p5Functions = ['rnnForward', 'rnnBackward', 'attentionForward', 'attentionBackward', 'trainAttention', 'trainOneToMany', 'trainCharLm'] as const;
