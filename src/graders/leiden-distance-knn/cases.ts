// Synthetic classification cases with a known answer, for the property requirements. Images are
// 28 x 28 "scribbles": sparse random strokes of random intensity, far apart from each other in any
// sensible feature space (raw, scaled, deskewed, blurred, unit length), while a copy with every
// pixel nudged by at most `jitter` grey levels stays close to its original. So the answers below
// hold for every feature map and distance a solution may reasonably choose.
import type { Images, LabelledImages } from '../../contracts/leiden-distance-knn.ts';
import { makeRng, type Rng } from '../../engine/seed.ts';

const P = 28 * 28;

/** A random sparse image [784]: each pixel lit with probability `density`, at 64..255. */
export function scribble(rng: Rng, density = 0.25): Uint8Array {
  return Uint8Array.from({ length: P }, () => (rng() < density ? 64 + Math.floor(rng() * 192) : 0));
}

/** The image with every pixel moved by an integer in [-jitter, jitter] (clamped to 0..255). */
export function nudge(img: Uint8Array, rng: Rng, jitter: number): Uint8Array {
  return img.map((v) => Math.max(0, Math.min(255, v + Math.round((2 * rng() - 1) * jitter))));
}

export function stack(imgs: Uint8Array[], labels?: number[]): LabelledImages & Images {
  const images = new Uint8Array(imgs.length * P);
  imgs.forEach((im, i) => images.set(im, i * P));
  return { images, shape: [imgs.length, 28, 28, 1], labels: Int32Array.from(labels ?? imgs.map(() => 0)) };
}

/** `classes` clusters of `perClass` nudged copies of one scribble each; queries are fresh copies. */
export function clusters(seed: number, classes: number, perClass: number, jitter: number) {
  const rng = makeRng(`clusters:${seed}`);
  const protos = Array.from({ length: classes }, () => scribble(rng));
  const ids = Array.from({ length: classes }, (_, c) => (c * 3 + seed) % 10); // any ids 0..9, distinct
  const train = stack(protos.flatMap((p) => Array.from({ length: perClass }, () => nudge(p, rng, jitter))),
    ids.flatMap((id) => Array.from({ length: perClass }, () => id)));
  const queries = stack(protos.map((p) => nudge(p, rng, jitter)), ids);
  return { train, queries };
}

/** n distinct scribbles with random labels: 1-NN on the set itself must return its labels. */
export function memorise(seed: number, n: number) {
  const rng = makeRng(`memorise:${seed}`);
  return stack(Array.from({ length: n }, () => scribble(rng, 0.1 + 0.4 * rng())), Array.from({ length: n }, () => Math.floor(rng() * 10)));
}

/**
 * The query q is in the training set with label `a`; k - 1 nudged copies of q carry label `b`;
 * `others` far scribbles carry other labels. Plain majority: k = 1 gives a, k gives b. With every
 * training image voting (k = n), the class with most training images wins: that is `major`, which
 * owns most of the far scribbles.
 */
export function voteCase(seed: number, k: number, others: number) {
  const rng = makeRng(`vote:${seed}`);
  const q = scribble(rng);
  const [a, b, major, minor] = [1, 7, 4, 9].map((c) => (c + seed) % 10);
  const imgs = [q, ...Array.from({ length: k - 1 }, () => nudge(q, rng, 3))];
  const labels = [a, ...Array.from({ length: k - 1 }, () => b)];
  for (let i = 0; i < others; i++) { imgs.push(scribble(rng)); labels.push(i < Math.ceil((others + k) / 2) + 1 ? major : minor); }
  return { train: stack(imgs, labels), query: stack([q], [a]), a, b, major };
}

/**
 * Where nearest centroid and nearest neighbour disagree: class `a` holds the query q itself and
 * five nudged copies of a far scribble p (its centroid sits 5/6 of the way to p); class `b` holds
 * three nudged copies of q (its centroid is next to q). 1-NN answers a, nearest centroid answers b.
 */
export function centroidCase(seed: number) {
  const rng = makeRng(`centroid:${seed}`);
  const q = scribble(rng), p = scribble(rng);
  const [a, b] = [2, 5].map((c) => (c + seed) % 10);
  const train = stack([q, ...Array.from({ length: 5 }, () => nudge(p, rng, 3)), ...Array.from({ length: 3 }, () => nudge(q, rng, 3))],
    [a, a, a, a, a, a, b, b, b]);
  return { train, query: stack([q], [b]), want: b, nearestImage: a };
}
