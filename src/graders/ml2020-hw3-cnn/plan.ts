// What each tier of hw3 trains (and what the grader's own hw3 network for hw5 trains), sized from
// measured wasm throughput of this network: widths 8-16-32-32-32 / dense 64-64 train at ~700-1,000
// images/s on one core with augmentation, 16-32-64-64-64 / 128-64 at ~400-600, the seed's widths
// 64-128-256-512-512 / 1024-512 at ~20 (hours per epoch of CIFAR-10).
import type { Hw3Widths } from '../../contracts/ml2020-hw3-cnn.ts';
import { byTier } from '../../grading/run-context.ts';
import type { Hw3Recipe } from './network.ts';

export interface Hw3Plan {
  widths: Hw3Widths;
  trainPerClass: number; // CIFAR-10 train images per class loaded; 10% of each class is validation
  testPerClass: number; // CIFAR-10 test images per class the grader scores on
  epochs: number;
  batchSize: number;
}

export const hw3Plan: Hw3Plan = byTier<Hw3Plan>({
  smoke: { widths: { conv: [8, 16, 16, 16, 16], dense: [32, 32] }, trainPerClass: 100, testPerClass: 30, epochs: 2, batchSize: 32 },
  standard: { widths: { conv: [8, 16, 32, 32, 32], dense: [64, 64] }, trainPerClass: 300, testPerClass: 100, epochs: 3, batchSize: 64 },
  full: { widths: { conv: [16, 32, 64, 64, 64], dense: [128, 64] }, trainPerClass: 5000, testPerClass: 1000, epochs: 4, batchSize: 64 },
});

/** The network the grader trains for hw5 (and caches): its recipe per tier, seeded by the run. */
export function hw5ReferenceRecipe(seed: number): Hw3Recipe & { tier: string; trainPerClass: number } {
  const r = byTier({
    smoke: { widths: { conv: [4, 8, 8, 8, 8], dense: [16, 16] } as Hw3Widths, trainPerClass: 30, epochs: 1, batchSize: 32 },
    standard: { widths: { conv: [8, 16, 32, 32, 32], dense: [64, 64] } as Hw3Widths, trainPerClass: 200, epochs: 2, batchSize: 64 },
    full: { widths: { conv: [16, 32, 64, 64, 64], dense: [128, 64] } as Hw3Widths, trainPerClass: 2000, epochs: 6, batchSize: 64 },
  });
  const tier = byTier({ smoke: 'smoke', standard: 'standard', full: 'full' });
  return { ...r, tier, trainImages: 10 * r.trainPerClass, learningRate: 1e-3, augment: true, seed };
}
