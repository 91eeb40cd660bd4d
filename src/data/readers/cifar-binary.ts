// CIFAR binary batches: records of 1 label byte + 3072 pixel bytes, the pixels as 3 planes of
// 32x32 (CHW: all red, then green, then blue). We return NHWC like every other image set, so the
// planes are interleaved here once. No header: the length must be a whole number of records and
// every label must name a class, or the batch is refused.
import { DatasetError } from '../errors.ts';
import { readMaybeGzip } from './bytes.ts';

/** The conventional class order (batches.meta.txt), shared by the binary, JPEG and PNG forms. */
export const CIFAR10_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

export const CIFAR_SIDE = 32;
export const CIFAR_PIXELS = CIFAR_SIDE * CIFAR_SIDE * 3; // 3072
const RECORD = 1 + CIFAR_PIXELS; // 3073

export interface CifarBatch {
  images: Uint8Array; // [n, 32, 32, 3]
  labels: Int32Array; // [n]
}

/** Parses one batch; `classes` bounds the labels (10 for CIFAR-10). */
export function parseCifarBatch(bytes: Uint8Array, file = '<cifar bytes>', classes = 10): CifarBatch {
  if (bytes.length === 0) throw new DatasetError('DATASET_TRUNCATED', 'CIFAR batch is empty', { file });
  const rest = bytes.length % RECORD;
  if (rest !== 0) {
    throw new DatasetError('DATASET_TRUNCATED',
      `CIFAR batch is ${bytes.length} bytes: ${Math.floor(bytes.length / RECORD)} records of ${RECORD} bytes and ${rest} left over`,
      { file });
  }
  const n = bytes.length / RECORD;
  const images = new Uint8Array(n * CIFAR_PIXELS);
  const labels = new Int32Array(n);
  const plane = CIFAR_SIDE * CIFAR_SIDE;
  for (let i = 0; i < n; i++) {
    const rec = i * RECORD;
    const label = bytes[rec];
    if (label >= classes) {
      throw new DatasetError('DATASET_CORRUPT', `record ${i} has label ${label}, outside 0..${classes - 1} (not a CIFAR-${classes} batch?)`, { file });
    }
    labels[i] = label;
    const src = rec + 1;
    const dst = i * CIFAR_PIXELS;
    for (let p = 0; p < plane; p++) {
      images[dst + 3 * p] = bytes[src + p];
      images[dst + 3 * p + 1] = bytes[src + plane + p];
      images[dst + 3 * p + 2] = bytes[src + 2 * plane + p];
    }
  }
  return { images, labels };
}

export async function readCifarBatch(path: string, classes = 10): Promise<CifarBatch> {
  return parseCifarBatch(await readMaybeGzip(path), path, classes);
}

/** Joins batches into one [sum n, 32, 32, 3] set, in order. */
export function concatBatches(batches: CifarBatch[]): CifarBatch {
  const n = batches.reduce((a, b) => a + b.labels.length, 0);
  const images = new Uint8Array(n * CIFAR_PIXELS);
  const labels = new Int32Array(n);
  let at = 0;
  for (const b of batches) {
    images.set(b.images, at * CIFAR_PIXELS);
    labels.set(b.labels, at);
    at += b.labels.length;
  }
  return { images, labels };
}
