// The network under attack: a LeNet-5 the grader trains itself (the seed attacked a pretrained VGG16
// on ImageNet pictures; a classifier we train on a set the mirror holds plays that role), cached by
// recipe so every requirement and every later run reuses it. The grader also picks the images to
// attack: a stratified subset of the test split, as floats in [0, 1], with their true labels.
import * as tf from '@tensorflow/tfjs';
import { loadCifar10Jpeg, loadFashionMnist, selectImages, stratifiedSubset, type ImageSet, type SplitImageSet } from '../../data/index.ts';
import { makeRng, permutation, seedEverything } from '../../engine/seed.ts';
import { fitFast } from '../../engine/train-loop.ts';
import { lenet5 } from '../../models/lenet5.ts';
import { cachedModel } from '../../grading/model-cache.ts';
import type { ModelArtifact } from '../../grading/model-artifact.ts';
import type { Array2, Tier } from '../../grading/types.ts';
import { predict } from './evaluate.ts';

export type TargetSet = 'fashion-mnist' | 'cifar10';

export interface TargetPlan {
  set: TargetSet;
  train: number; // training images (stratified subset; the whole split when it is that large)
  epochs: number;
  attack: number; // test images attacked
}

export interface TargetInfo {
  testAccuracy: number; // on the attacked images
  seconds: number; // training time
  imagesPerSec: number;
}

export interface Target {
  plan: TargetPlan;
  artifact: ModelArtifact;
  info: TargetInfo;
  fromCache: boolean;
  images: Array2<Float32Array>; // [N, H, W, C] in [0, 1]
  labels: Int32Array; // [N]
  classNames: string[];
}

const loaders: Record<TargetSet, () => Promise<SplitImageSet>> = {
  'fashion-mnist': () => loadFashionMnist(),
  cifar10: () => loadCifar10Jpeg(),
};

const subset = (s: ImageSet, n: number, seed: number) => (n < s.shape[0] ? stratifiedSubset(s, n, seed) : s);

/** Bytes [n, H, W, C] as floats in [0, 1]. */
export function toUnit(s: ImageSet): Array2<Float32Array> {
  const data = new Float32Array(s.images.length); // a loop: Float32Array.from(bytes, f) builds a JS list first
  for (let i = 0; i < data.length; i++) data[i] = s.images[i] / 255;
  return { data, shape: [...s.shape] };
}

/** The trained target for plan (from the cache when it is there) and the images to attack. */
export async function loadTarget(plan: TargetPlan, tier: Tier, seed: number): Promise<Target> {
  const data = await loaders[plan.set]();
  const test = subset(data.test, plan.attack, seed);
  const images = toUnit(test);
  const cached = await cachedModel<TargetInfo>({
    name: `ml2020-hw6-fgsm-${plan.set}`,
    recipe: { ...plan, arch: 'lenet5', optimizer: 'adam 1e-3', batch: 64, tier, seed },
    sources: [new URL(import.meta.url)],
    train: () => trainLenet(subset(data.train, plan.train, seed), images, test.labels, plan.epochs, seed),
  });
  return { plan, artifact: cached.artifact, info: cached.info, fromCache: cached.fromCache, images, labels: test.labels, classNames: data.test.classNames ?? [] };
}

// Full CIFAR-10 as one float tensor (50,000 x 3,072 x 4 bytes = 614 MB) ran the process out of
// memory here, so each epoch reshuffles all indices and trains on chunks of this many images.
const CHUNK = 10000;

async function trainLenet(train: ImageSet, test: Array2<Float32Array>, testLabels: Int32Array, epochs: number, seed: number) {
  seedEverything(seed); // the initial weights depend on the seed alone, not on which requirement ran first
  const [n, h, w, c] = train.shape;
  const model = lenet5({ inputShape: [h, w, c] }); // logits [N, 10]
  const rng = makeRng(`hw6-target:${seed}`);
  const start = performance.now();
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = permutation(n, rng);
    for (let lo = 0; lo < n; lo += CHUNK) {
      const chunk = selectImages(train, order.subarray(lo, Math.min(n, lo + CHUNK)));
      const x = tf.tensor4d(toUnit(chunk).data, chunk.shape);
      const y = tf.oneHot(tf.tensor1d(chunk.labels, 'int32'), 10);
      try {
        await fitFast(model, x, y, { epochs: 1, batchSize: 64, seed: seed + 1000 * epoch + lo });
      } finally {
        tf.dispose([x, y]);
      }
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const before = await predict(model, test);
  const testAccuracy = before.labels.reduce((s, l, i) => s + (l === testLabels[i] ? 1 : 0), 0) / testLabels.length;
  return { model, info: { testAccuracy, seconds, imagesPerSec: (n * epochs) / seconds } };
}
