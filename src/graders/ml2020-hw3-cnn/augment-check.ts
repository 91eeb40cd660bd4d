// The grader's view of a solution's augment(): every output image must be one of the allowed
// transforms of its input (flip or not, then a zero-filled shift of at most maxShift), and over
// a batch the draws must look random: about half flipped, most shifted, many distinct shifts.
import type { Cifar10Images, Ml2020Hw3Cnn } from '../../contracts/ml2020-hw3-cnn.ts';
import { expectArray } from '../../grading/checks.ts';
import { RequirementFailed } from '../../grading/errors.ts';
import { recogniseTransform, type Transform } from './augment.ts';

/** Calls augment and recognises each image's transform; throws on the first image that is none of them. */
export async function recognisedTransforms(sol: Ml2020Hw3Cnn, batch: Cifar10Images, maxShift: number, seed: number): Promise<{ out: Uint8Array; transforms: Transform[] }> {
  const res = await sol.augment(batch, { maxShift, seed });
  const n = batch.shape[0];
  const out = expectArray({ data: res?.images, shape: [res?.images?.length] }, 'ml2020-hw3-cnn.augment images', [n * 32 * 32 * 3]).data;
  if (!(out instanceof Uint8Array)) throw new RequirementFailed('augment must return images as a Uint8Array of bytes 0..255');
  if (JSON.stringify(res.shape) !== JSON.stringify(batch.shape)) throw new RequirementFailed(`augment returned shape [${res.shape}], expected [${batch.shape}]`);
  const transforms: Transform[] = [];
  for (let i = 0; i < n; i++) {
    const t = recogniseTransform(batch.images, out, i, maxShift);
    if (!t) throw new RequirementFailed(`augmented image ${i} (maxShift ${maxShift}, seed ${seed}) is not a left-right flip and/or a zero-filled shift of at most ${maxShift} pixels of its input`);
    transforms.push(t);
  }
  return { out, transforms };
}

export interface AugmentStats {
  flipped: number; // fraction of images flipped (expected 1/2)
  shifted: number; // fraction with a nonzero shift (expected 1 - 1/(2 maxShift + 1)^2)
  distinctShifts: number; // distinct (dy, dx) pairs seen, of (2 maxShift + 1)^2
}

export function augmentStats(ts: Transform[]): AugmentStats {
  return {
    flipped: ts.filter((t) => t.flip).length / ts.length,
    shifted: ts.filter((t) => t.dy !== 0 || t.dx !== 0).length / ts.length,
    distinctShifts: new Set(ts.map((t) => `${t.dy},${t.dx}`)).size,
  };
}
