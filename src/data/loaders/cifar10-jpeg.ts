// CIFAR-10 as the mirror's JPEG folders: train/<class>/NNNN.jpg (5000 per class) and
// test/<class>/NNNN.jpg (1000 per class), labels from the folder names in the conventional order.
// Decoding all 60000 takes ~10 s here, so the arrays are cached (see decoded-cache.ts) keyed by
// the options and a fingerprint of the folders; a per-class limit takes the first files by name.
import { join } from 'node:path';
import { getSpec } from '../catalog.ts';
import { folderFingerprint, withDecodedCache, type CacheOptions } from '../decoded-cache.ts';
import { DatasetError } from '../errors.ts';
import { decodeImageFiles, listImages, squareSize } from '../readers/image-folder.ts';
import { datasetFile, resolveDataset } from '../resolve.ts';
import type { ImageSet, SplitImageSet } from '../types.ts';
import { CIFAR10_CLASSES } from '../readers/cifar-binary.ts';

export interface Cifar10JpegOptions extends CacheOptions {
  /** Images per class from train/ (default all 5000) and test/ (default all 1000). */
  trainPerClass?: number;
  testPerClass?: number;
  /** 1 = grey, 3 = RGB (default). */
  channels?: 1 | 3;
  /** Resize to size x size (default: 32, as stored). */
  size?: number;
}

function checkLimit(name: string, v: number | undefined): number {
  if (v === undefined) return Infinity;
  if (!Number.isInteger(v) || v < 0) throw new DatasetError('DATASET_BAD_OPTION', `${name} must be a whole number >= 0, got ${v}`);
  return v;
}

async function readSplit(root: string, perClass: number, opts: Cifar10JpegOptions): Promise<ImageSet> {
  const files: string[] = [];
  const labels: number[] = [];
  for (const [k, name] of CIFAR10_CLASSES.entries()) {
    const found = await listImages(join(root, name), perClass);
    files.push(...found);
    labels.push(...found.map(() => k));
  }
  const { images, shape } = await decodeImageFiles(files, { channels: opts.channels ?? 3, size: opts.size ?? 32 });
  return { images, shape, labels: Int32Array.from(labels), classNames: CIFAR10_CLASSES };
}

/** CIFAR-10 JPEG: train [10 x trainPerClass, 32, 32, c], test [10 x testPerClass, 32, 32, c]. */
export async function loadCifar10Jpeg(opts: Cifar10JpegOptions = {}): Promise<SplitImageSet> {
  const trainPerClass = checkLimit('trainPerClass', opts.trainPerClass);
  const testPerClass = checkLimit('testPerClass', opts.testPerClass);
  squareSize(opts.size);
  const ds = await resolveDataset(getSpec('cifar10-jpeg'), opts);
  const key = { trainPerClass, testPerClass, channels: opts.channels ?? 3, size: opts.size ?? 32, dir: ds.dir,
    fingerprint: await folderFingerprint(['train', 'test'].flatMap((s) => CIFAR10_CLASSES.map((c) => join(ds.dir, s, c)))) };
  return withDecodedCache('cifar10-jpeg', key, opts, async () => ({
    train: await readSplit(datasetFile(ds, 'train/'), trainPerClass, opts),
    test: await readSplit(datasetFile(ds, 'test/'), testPerClass, opts),
  }));
}

/** How many JPEG files each class folder holds (no decoding): counts[split][class]. */
export async function countCifar10Jpeg(opts: CacheOptions = {}): Promise<Record<'train' | 'test', number[]>> {
  const ds = await resolveDataset(getSpec('cifar10-jpeg'), opts);
  const count = (split: string): Promise<number[]> =>
    Promise.all(CIFAR10_CLASSES.map(async (c) => (await listImages(join(datasetFile(ds, `${split}/`), c))).length));
  return { train: await count('train'), test: await count('test') };
}
