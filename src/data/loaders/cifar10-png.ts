// The Kaggle CIFAR-10 PNGs (lossless), training images 1..200 with trainLabels.csv (no header,
// `1.png,frog`). Small and exact: a reference for measuring the JPEG set's error.
import { join } from 'node:path';
import { getSpec } from '../catalog.ts';
import { DatasetError } from '../errors.ts';
import type { SearchOptions } from '../places.ts';
import { readCsv } from '../readers/csv.ts';
import { decodeImageFiles } from '../readers/image-folder.ts';
import { datasetFile, resolveDataset } from '../resolve.ts';
import type { ImageSet } from '../types.ts';
import { CIFAR10_CLASSES } from '../readers/cifar-binary.ts';

/** [200, 32, 32, 3] in id order (1.png first), labels in the conventional CIFAR-10 order. */
export async function loadCifar10Png200(opts: SearchOptions = {}): Promise<ImageSet & { files: string[] }> {
  const ds = await resolveDataset(getSpec('cifar10-kaggle-png-first200'), opts);
  const csv = datasetFile(ds, 'trainLabels.csv');
  const rows = await readCsv(csv, { columns: 2 });
  const sorted = rows.map(([file, label], i) => {
    const id = /^(\d+)\.png$/.exec(file)?.[1];
    const k = CIFAR10_CLASSES.indexOf(label);
    if (!id || k < 0) throw new DatasetError('DATASET_BAD_FORMAT', `row ${i + 1} "${file},${label}" is not "<id>.png,<class>"`, { file: csv });
    return { id: Number(id), file, k };
  }).sort((a, b) => a.id - b.id);
  const files = sorted.map((r) => join(datasetFile(ds, 'train/'), r.file));
  const { images, shape } = await decodeImageFiles(files, { channels: 3 });
  return { images, shape, labels: Int32Array.from(sorted.map((r) => r.k)), classNames: CIFAR10_CLASSES, files };
}
