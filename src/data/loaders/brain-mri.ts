// Brain MRI tumour yes/no: 155 yes + 98 no images of mixed format (JPEG, grey JPEG, PNGs named
// .jpg) and sizes (150..1920 px wide), so they are sniffed and resized to size x size. 22 groups
// of byte-identical files exist within a class: `dedupe` keeps the first of each, and `sha256`
// lets a grader split by content so no duplicate straddles train and test.
import { createHash } from 'node:crypto';
import { getSpec } from '../catalog.ts';
import { folderFingerprint, withDecodedCache, type CacheOptions } from '../decoded-cache.ts';
import { readBytes } from '../readers/bytes.ts';
import { decodeImageFiles, listImages, squareSize } from '../readers/image-folder.ts';
import { datasetFile, resolveDataset } from '../resolve.ts';
import { selectImages } from '../subset.ts';
import type { ImageSet } from '../types.ts';

export const BRAIN_MRI_CLASSES = ['no', 'yes']; // label 1 = tumour

export interface BrainMriOptions extends CacheOptions {
  /** Output side in pixels (default 64). */
  size?: number;
  /** 1 = grey, 3 = RGB (default). */
  channels?: 1 | 3;
  /** Drop byte-identical duplicates, keeping the first by name (default false: all 253). */
  dedupe?: boolean;
}

export type BrainMriSet = ImageSet & { files: string[]; sha256: string[] };

export async function loadBrainMri(opts: BrainMriOptions = {}): Promise<BrainMriSet> {
  const size = opts.size ?? 64;
  squareSize(size);
  const ds = await resolveDataset(getSpec('brain-mri-tumor-yes-no'), opts);
  const dirs = BRAIN_MRI_CLASSES.map((c) => datasetFile(ds, `${c}/`));
  const key = { size, channels: opts.channels ?? 3, dir: ds.dir, fingerprint: await folderFingerprint(dirs) };
  const all = await withDecodedCache('brain-mri-tumor-yes-no', key, opts, async (): Promise<BrainMriSet> => {
    const files: string[] = [], labels: number[] = [], sha256: string[] = [];
    for (const [k, dir] of dirs.entries()) {
      for (const file of await listImages(dir)) {
        files.push(file); labels.push(k);
        sha256.push(createHash('sha256').update(await readBytes(file)).digest('hex'));
      }
    }
    const { images, shape } = await decodeImageFiles(files, { size, channels: opts.channels ?? 3 });
    const rel = files.map((f) => f.slice(ds.dir.length + 1));
    return { images, shape, labels: Int32Array.from(labels), classNames: BRAIN_MRI_CLASSES, files: rel, sha256 };
  });
  if (!opts.dedupe) return all;
  // Dedupe after the cache: one decode serves both forms. First occurrence by name wins.
  const seen = new Set<string>();
  const keep = all.sha256.flatMap((s, i) => (seen.has(s) ? [] : (seen.add(s), [i])));
  return { ...selectImages(all, keep), classNames: BRAIN_MRI_CLASSES, files: keep.map((i) => all.files[i]), sha256: keep.map((i) => all.sha256[i]) };
}
