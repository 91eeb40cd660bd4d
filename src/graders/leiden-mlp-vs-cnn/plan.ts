// What each tier trains and scores, and the bars it is graded against.
//
// Sizes. Reference throughput here (wasm, one core, idle): MLP 3,200 images/s on Fashion-MNIST and
// 1,150 on CIFAR-10; CNN 750 and 475 (batch 64). Smoke is wiring (a few seconds). Standard (about
// 35 s of training on an idle machine) uses subsets; the CIFAR-10 CNN there uses batch 32, which
// doubles its steps in the same time and makes its lead over the MLP reliable (at batch 64 the gap
// was .03 at seed 2); the MLP keeps batch 64: its step cost is mostly the Adam update of its 820k
// weights, so batch 32 would nearly double its time (27 s instead of 14 s here under load).
// Full trains on every training image not held out for validation, for as many epochs as fit in
// 15 minutes here: 6 / 2 epochs (MLP / CNN) on Fashion-MNIST, 4 / 3 on CIFAR-10,
// about 12 minutes of training plus scoring; the seed's README does not give its epochs.
import type { Arch, Dataset } from '../../contracts/leiden-mlp-vs-cnn.ts';
import { byTier } from '../../grading/run-context.ts';

export interface DatasetPlan {
  train: number | undefined; // training images handed to the solution (undefined: all not held out)
  validation: number; // held out from the training set by the grader
  trainSample: number; // training images the grader scores for "train accuracy"
  test: number; // a stratified subset of the test set (the whole set when >= its size)
  epochs: Record<Arch, number>;
  batch: Record<Arch, number>;
}

export const plan = byTier<Record<Dataset, DatasetPlan>>({
  smoke: {
    'fashion-mnist': { train: 500, validation: 200, trainSample: 500, test: 300, epochs: { mlp: 2, cnn: 2 }, batch: { mlp: 32, cnn: 32 } },
    cifar10: { train: 200, validation: 100, trainSample: 200, test: 200, epochs: { mlp: 2, cnn: 2 }, batch: { mlp: 32, cnn: 32 } },
  },
  standard: {
    'fashion-mnist': { train: 3000, validation: 500, trainSample: 1000, test: 1000, epochs: { mlp: 3, cnn: 2 }, batch: { mlp: 64, cnn: 64 } },
    cifar10: { train: 2000, validation: 500, trainSample: 1000, test: 1000, epochs: { mlp: 3, cnn: 3 }, batch: { mlp: 64, cnn: 32 } },
  },
  full: {
    'fashion-mnist': { train: undefined, validation: 6000, trainSample: 10000, test: 10000, epochs: { mlp: 6, cnn: 2 }, batch: { mlp: 64, cnn: 64 } },
    cifar10: { train: undefined, validation: 5000, trainSample: 10000, test: 10000, epochs: { mlp: 4, cnn: 3 }, batch: { mlp: 64, cnn: 64 } },
  },
});

// Bars. Reference values at seeds 0/1/2 (untrained models, the broken fixture, in brackets); each bar
// sits below the reference's worst seed with margin:
//   smoke     F-MNIST test acc  MLP .620/.660/.650, CNN .473/.610/.610 [.13; .08]   bars .45, .30
//             CIFAR-10 test acc MLP .105/.115/.105, CNN .100/.105/.100              bars .05 (wiring only:
//                               200 images, 2 epochs learn nothing measurable; the nan-output fixture fails here)
//             loss ratio        F-MNIST MLP .63/.63/.58, CNN .81/.79/.74 [1.0]      bar .90
//                               CIFAR-10 MLP .95/.98/.96, CNN .99/.99/1.00          bar 1.05 (wiring)
//             CIFAR CNN - MLP   -.005/-.010/-.005                                   bar -.20 (wiring)
//   standard  F-MNIST test acc  MLP .758/.802/.788, CNN .688/.729/.699              bars .68, .60
//             CIFAR-10 test acc MLP .222/.219/.219, CNN .355/.291/.296 (chance .10) bars .17, .24
//             loss ratio        F-MNIST MLP .51/.52/.51, CNN .57/.53/.54            bar .70
//                               CIFAR-10 MLP .89/.90/.89, CNN .83/.86/.86          bar .95
//             CIFAR CNN - MLP   .133/.072/.077                                      bar 0 (the CNN must win)
//   full      the seed's test figures are the bars: F-MNIST MLP .85, CIFAR-10 MLP .38, CNN .54;
//             CNN - MLP on CIFAR-10 at least .08 (seed .16); loss ratio .95. Measured at seeds 0/1:
//             F-MNIST MLP .877/.880, CIFAR-10 MLP .393/.406, CNN .595/.613, CNN - MLP .202/.208.
//             The F-MNIST CNN (seed's .22 is no bar) was first held to the MLP's .85 and reached
//             .873/.853: too close at seed 1, so its bar is .82.
export const bar = byTier({
  smoke: { 'fashion-mnist': { mlp: 0.45, cnn: 0.3 }, cifar10: { mlp: 0.05, cnn: 0.05 }, lossRatio: { 'fashion-mnist': 0.9, cifar10: 1.05 }, cifarGap: -0.2 },
  standard: { 'fashion-mnist': { mlp: 0.68, cnn: 0.6 }, cifar10: { mlp: 0.17, cnn: 0.24 }, lossRatio: { 'fashion-mnist': 0.7, cifar10: 0.95 }, cifarGap: 0 },
  full: { 'fashion-mnist': { mlp: 0.85, cnn: 0.82 }, cifar10: { mlp: 0.38, cnn: 0.54 }, lossRatio: { 'fashion-mnist': 0.95, cifar10: 0.95 }, cifarGap: 0.08 },
});
