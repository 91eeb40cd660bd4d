// Seeded, stratified subsets. The Leiden seed used 1707 train / 1000 test MNIST images without
// publishing which; we make ours reproducible: class quotas proportional to the class counts
// (largest remainders, ties to the lower label), members chosen by a seeded permutation within
// each class, returned in original order so the same (set, n, seed) always gives the same set.
import { makeRng, permutation } from '../engine/seed.ts';
import { DatasetError } from './errors.ts';
import type { ImageSet } from './types.ts';

/** The images at `indices` (in that order) as a new, standalone ImageSet. */
export function selectImages(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const [, h, w, c] = set.shape;
  const per = h * w * c;
  const images = new Uint8Array(indices.length * per);
  const labels = new Int32Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    images.set(set.images.subarray(i * per, (i + 1) * per), k * per);
    labels[k] = set.labels[i];
  }
  const out: ImageSet = { images, shape: [indices.length, h, w, c], labels };
  if (set.classNames) out.classNames = set.classNames;
  return out;
}

function indicesByClass(labels: Int32Array): Map<number, number[]> {
  const byClass = new Map<number, number[]>();
  labels.forEach((l, i) => { if (!byClass.has(l)) byClass.set(l, []); byClass.get(l)!.push(i); });
  return new Map([...byClass.entries()].sort((a, b) => a[0] - b[0]));
}

/** Per-class quotas summing to n, proportional to the class sizes (largest remainder). */
export function classQuotas(counts: number[], n: number): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const exact = counts.map((c) => (c * n) / total);
  const quota = exact.map(Math.floor);
  const order = exact.map((e, k) => [e - Math.floor(e), k]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let r = n - quota.reduce((a, b) => a + b, 0), j = 0; r > 0; r--, j++) quota[order[j][1]]++;
  return quota;
}

/** n images drawn per class in proportion to the labels, seeded and deterministic. */
export function stratifiedSubset(set: ImageSet, n: number, seed: number): ImageSet {
  const total = set.labels.length;
  if (!Number.isInteger(n) || n < 0 || n > total) {
    throw new DatasetError('DATASET_BAD_OPTION', `a stratified subset of ${n} from ${total} images is impossible`);
  }
  const byClass = indicesByClass(set.labels);
  const quotas = classQuotas([...byClass.values()].map((v) => v.length), n);
  const rng = makeRng(`stratified:${seed}`);
  const chosen: number[] = [];
  [...byClass.values()].forEach((members, k) => {
    const perm = permutation(members.length, rng);
    for (let j = 0; j < quotas[k]; j++) chosen.push(members[perm[j]]);
  });
  return selectImages(set, chosen.sort((a, b) => a - b));
}

/** The first k images of each class, in original order (a deterministic cut, no randomness). */
export function firstPerClass(set: ImageSet, k: number): ImageSet {
  const seen = new Map<number, number>();
  const chosen: number[] = [];
  set.labels.forEach((l, i) => {
    const c = seen.get(l) ?? 0;
    if (c < k) { chosen.push(i); seen.set(l, c + 1); }
  });
  return selectImages(set, chosen);
}
