// Anime face crops for the GAN assignments: faces/<id>.jpg, 96x96 RGB JPEG, unlabelled (labels
// are all 0). `limit` takes the first ids in numeric order; `size` resizes (area).
import { getSpec } from '../catalog.ts';
import { folderFingerprint, withDecodedCache, type CacheOptions } from '../decoded-cache.ts';
import { DatasetError } from '../errors.ts';
import { decodeImageFiles, listImages, squareSize } from '../readers/image-folder.ts';
import { datasetFile, resolveDataset } from '../resolve.ts';
import type { ImageSet } from '../types.ts';

export interface AnimeFacesOptions extends CacheOptions {
  /** Output side (default 96, as stored). */
  size?: number;
  /** At most this many images, by id (default all). */
  limit?: number;
  /** 1 = grey, 3 = RGB (default). */
  channels?: 1 | 3;
}

/** [n, size, size, c] faces; labels [n] all 0. */
export async function loadAnimeFaces(opts: AnimeFacesOptions = {}): Promise<ImageSet & { files: string[] }> {
  const size = opts.size ?? 96;
  squareSize(size);
  const limit = opts.limit ?? Infinity;
  if (!(limit >= 0)) throw new DatasetError('DATASET_BAD_OPTION', `limit must be >= 0, got ${opts.limit}`);
  const ds = await resolveDataset(getSpec('anime-faces-mlds-subset'), opts);
  const dir = datasetFile(ds, 'faces/');
  const key = { size, limit: opts.limit ?? null, channels: opts.channels ?? 3, dir, fingerprint: await folderFingerprint([dir]) };
  return withDecodedCache('anime-faces-mlds-subset', key, opts, async () => {
    const files = await listImages(dir, limit);
    const { images, shape } = await decodeImageFiles(files, { size, channels: opts.channels ?? 3 });
    return { images, shape, labels: new Int32Array(files.length), files: files.map((f) => f.slice(ds.dir.length + 1)) };
  });
}
