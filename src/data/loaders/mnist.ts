// MNIST and Fashion-MNIST: four IDX files each (raw or gzip), images [n, 28, 28] uint8 and
// labels [n] uint8. Returned as NHWC [n, 28, 28, 1] with Int32 labels. Raw files are ~55 MB of
// plain reads (~0.2 s). Gzip ones (Debian's Fashion-MNIST, downloads) cost a ~0.7 s gunzip on a
// busy machine, so their parsed arrays go through the decoded cache (keyed by path, size, mtime).
import { fashionMnistSpec, mnistSpec } from '../catalog-classic.ts';
import { statSync } from 'node:fs';
import { withDecodedCache, type CacheOptions } from '../decoded-cache.ts';
import { DatasetError } from '../errors.ts';
import { readIdxFile } from '../readers/idx.ts';
import { datasetFile, resolveDataset } from '../resolve.ts';
import type { DatasetSpec } from '../spec.ts';
import type { ImageSet, SplitImageSet } from '../types.ts';

export type MnistOptions = CacheOptions;

export const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt',
  'Sneaker', 'Bag', 'Ankle boot'];

async function readSplit(imagesPath: string, labelsPath: string, classNames: string[]): Promise<ImageSet> {
  const [img, lab] = await Promise.all([readIdxFile(imagesPath), readIdxFile(labelsPath)]);
  if (img.dtype !== 'uint8' || img.shape.length !== 3) {
    throw new DatasetError('DATASET_BAD_FORMAT', `expected uint8 images [n, h, w], found ${img.dtype} [${img.shape}]`, { file: imagesPath });
  }
  if (lab.dtype !== 'uint8' || lab.shape.length !== 1) {
    throw new DatasetError('DATASET_BAD_FORMAT', `expected uint8 labels [n], found ${lab.dtype} [${lab.shape}]`, { file: labelsPath });
  }
  const [n, h, w] = img.shape;
  if (lab.shape[0] !== n) {
    throw new DatasetError('DATASET_CORRUPT', `${lab.shape[0]} labels for ${n} images (${imagesPath})`, { file: labelsPath });
  }
  const labels = Int32Array.from(lab.data);
  const bad = labels.findIndex((l) => l >= classNames.length);
  if (bad >= 0) throw new DatasetError('DATASET_CORRUPT', `label ${labels[bad]} at index ${bad} is not a class 0..9`, { file: labelsPath });
  return { images: img.data as Uint8Array, shape: [n, h, w, 1], labels, classNames };
}

async function loadIdxPair(spec: DatasetSpec, classNames: string[], opts: MnistOptions): Promise<SplitImageSet> {
  const ds = await resolveDataset(spec, opts);
  const f = (p: string): string => datasetFile(ds, p);
  const read = async (): Promise<SplitImageSet> => {
    const [train, test] = await Promise.all([
      readSplit(f('train-images-idx3-ubyte'), f('train-labels-idx1-ubyte'), classNames),
      readSplit(f('t10k-images-idx3-ubyte'), f('t10k-labels-idx1-ubyte'), classNames),
    ]);
    return { train, test };
  };
  const paths = Object.values(ds.files);
  if (!paths.some((p) => p.endsWith('.gz'))) return read();
  const key = paths.map((p) => { const st = statSync(p); return [p, st.size, st.mtimeMs]; });
  return withDecodedCache(spec.name, key, opts, read);
}

/** MNIST digits: train [60000, 28, 28, 1], test [10000, 28, 28, 1], labels 0..9. */
export function loadMnist(opts: MnistOptions = {}): Promise<SplitImageSet> {
  return loadIdxPair(mnistSpec, MNIST_CLASSES, opts);
}

/** Fashion-MNIST: same shapes as MNIST; classNames T-shirt/top .. Ankle boot. */
export function loadFashionMnist(opts: MnistOptions = {}): Promise<SplitImageSet> {
  return loadIdxPair(fashionMnistSpec, FASHION_CLASSES, opts);
}
