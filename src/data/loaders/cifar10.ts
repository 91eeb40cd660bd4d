// CIFAR-10 from the original binary batches (lossless): data_batch_1..5 -> train [50000, 32, 32, 3],
// test_batch -> test [10000, 32, 32, 3], found locally or downloaded as cifar-10-binary.tar.gz
// (170 MB) into the cache and unpacked there. And loadCifar10, which takes whichever form is
// here: the binary batches when found on this machine (never downloaded implicitly), else the
// mirror's JPEG re-encode; `source` says which, since JPEG pixels differ slightly.
import { cifar10BinarySpec } from '../catalog-classic.ts';
import { DatasetError } from '../errors.ts';
import type { SearchOptions } from '../places.ts';
import { CIFAR10_CLASSES, CIFAR_SIDE, concatBatches, readCifarBatch } from '../readers/cifar-binary.ts';
import { datasetFile, locateDataset, resolveDataset } from '../resolve.ts';
import { firstPerClass } from '../subset.ts';
import type { ImageSet, SplitImageSet } from '../types.ts';
import { loadCifar10Jpeg, type Cifar10JpegOptions } from './cifar10-jpeg.ts';

export { CIFAR10_CLASSES };

async function readBatches(paths: string[]): Promise<ImageSet> {
  const { images, labels } = concatBatches(await Promise.all(paths.map((p) => readCifarBatch(p))));
  return { images, labels, shape: [labels.length, CIFAR_SIDE, CIFAR_SIDE, 3], classNames: CIFAR10_CLASSES };
}

/** CIFAR-10 binary: train [50000, 32, 32, 3], test [10000, 32, 32, 3]. */
export async function loadCifar10Binary(opts: SearchOptions = {}): Promise<SplitImageSet> {
  const ds = await resolveDataset(cifar10BinarySpec, opts);
  const f = (b: string): string => datasetFile(ds, `cifar-10-batches-bin/${b}.bin`);
  const train = await readBatches([1, 2, 3, 4, 5].map((i) => f(`data_batch_${i}`)));
  const test = await readBatches([f('test_batch')]);
  return { train, test };
}

export interface Cifar10Options extends Cifar10JpegOptions {
  /** 'auto' (default): binary if present locally, else JPEG. */
  source?: 'auto' | 'binary' | 'jpeg';
}

export async function loadCifar10(opts: Cifar10Options = {}): Promise<SplitImageSet & { source: 'binary' | 'jpeg' }> {
  const source = opts.source ?? 'auto';
  const asStored = opts.channels !== 1 && (opts.size === undefined || opts.size === 32);
  if (source === 'binary' && !asStored) {
    throw new DatasetError('DATASET_BAD_OPTION', 'the binary form is loaded as stored (32x32 RGB); grey or resized images come from source: \'jpeg\'');
  }
  const useBinary = source === 'binary' || (source === 'auto' && asStored && locateDataset(cifar10BinarySpec, opts).found !== undefined);
  if (!useBinary) return { ...(await loadCifar10Jpeg(opts)), source: 'jpeg' };
  const { train, test } = await loadCifar10Binary(opts);
  return {
    train: opts.trainPerClass === undefined ? train : firstPerClass(train, opts.trainPerClass),
    test: opts.testPerClass === undefined ? test : firstPerClass(test, opts.testPerClass),
    source: 'binary',
  };
}
