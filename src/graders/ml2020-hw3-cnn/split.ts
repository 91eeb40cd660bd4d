// The grader's CIFAR-10 split for hw3: a seeded 10% of each class of the loaded training images is
// validation (the solution sees its labels, for the curves), the test images' labels stay here.
import type { LabelledCifar10 } from '../../contracts/ml2020-hw3-cnn.ts';
import { selectImages, type ImageSet } from '../../data/index.ts';
import { makeRng, permutation } from '../../engine/seed.ts';

export function trainValidationSplit(set: ImageSet, seed: number, fraction = 0.1): { train: LabelledCifar10; validation: LabelledCifar10 } {
  const rng = makeRng(`hw3-split:${seed}`);
  const train: number[] = [], validation: number[] = [];
  const byClass = new Map<number, number[]>();
  set.labels.forEach((l, i) => { if (!byClass.has(l)) byClass.set(l, []); byClass.get(l)!.push(i); });
  for (const members of byClass.values()) {
    const perm = permutation(members.length, rng);
    const k = Math.max(1, Math.round(fraction * members.length));
    perm.forEach((p, j) => (j < k ? validation : train).push(members[p]));
  }
  const pick = (rows: number[]): LabelledCifar10 => {
    const s = selectImages(set, rows.sort((a, b) => a - b));
    return { images: s.images, shape: s.shape, labels: s.labels };
  };
  return { train: pick(train), validation: pick(validation) };
}
