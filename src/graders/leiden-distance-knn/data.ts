// MNIST for the Leiden assignments: seeded stratified train / test subsets of the seed's sizes
// (1707 / 1000; its own subset is not published), loaded once per spec file. The grader keeps the
// labels: solutions get `unlabelled(set)` for anything they predict.
import type { Images } from '../../contracts/leiden-distance-knn.ts';
import { loadMnist, stratifiedSubset, type ImageSet, type SplitImageSet } from '../../data/index.ts';
import { byTier } from '../../grading/run-context.ts';

let mnist: Promise<SplitImageSet> | undefined;
export const fullMnist = (): Promise<SplitImageSet> => (mnist ??= loadMnist());

/** Subset sizes per tier: smoke is wiring only; standard and full use the seed's sizes. */
export const subsetSizes = () => byTier({ smoke: { train: 300, test: 200 }, standard: { train: 1707, test: 1000 }, full: { train: 1707, test: 1000 } });

/** Subset seeds per tier: one subset, or (full) five, whose mean is compared with the seed's figure. */
export const subsetSeeds = (seed: number): number[] => byTier({ smoke: [seed], standard: [seed], full: [0, 1, 2, 3, 4].map((i) => seed + i) });

const cache = new Map<string, Promise<{ train: ImageSet; test: ImageSet }>>();

/** The seeded stratified subsets: train [n, 28, 28, 1] and test [m, 28, 28, 1] with labels. */
export function subsets(seed: number, sizes = subsetSizes()): Promise<{ train: ImageSet; test: ImageSet }> {
  const key = `${seed}:${sizes.train}:${sizes.test}`;
  if (!cache.has(key)) {
    cache.set(key, fullMnist().then((m) => ({
      train: sizes.train >= m.train.labels.length ? m.train : stratifiedSubset(m.train, sizes.train, seed),
      test: sizes.test >= m.test.labels.length ? m.test : stratifiedSubset(m.test, sizes.test, seed),
    })));
  }
  return cache.get(key)!;
}

/** What a solution may see of a set it predicts on: the images without labels. */
export const unlabelled = (set: ImageSet): Images => ({ images: set.images, shape: set.shape });

/** Training data as the contract takes it (images, shape, labels; no class names). */
export const labelled = (set: ImageSet) => ({ images: set.images, shape: set.shape, labels: set.labels });
