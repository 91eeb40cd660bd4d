// LGG FLAIR segmentation (kaggle_3m): one folder per patient, slices `<patient>_<k>.tif` (256x256,
// 3 channels: pre-contrast, FLAIR, post-contrast) each with `<patient>_<k>_mask.tif` (1 channel,
// 0/255). Pairs come back ordered by patient, then slice number; masks as 0/1. `groups` names the
// patient of each slice: split by patient, since neighbouring slices are near copies.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { getSpec } from '../catalog.ts';
import { folderFingerprint, withDecodedCache, type CacheOptions } from '../decoded-cache.ts';
import { DatasetError } from '../errors.ts';
import { readBytes } from '../readers/bytes.ts';
import { decodeImage } from '../readers/image-decode.ts';
import { squareSize } from '../readers/image-folder.ts';
import { resizePixels, rgbaToChannels } from '../readers/image-pixels.ts';
import { resolveDataset } from '../resolve.ts';
import type { SegmentationSet } from '../types.ts';

export interface LggOptions extends CacheOptions {
  /** Output side (default 256, as stored). Images resize by area, masks by nearest. */
  size?: number;
  /** Keep only the FLAIR channel (index 1): images [n, s, s, 1]. Default: all 3 channels. */
  flairOnly?: boolean;
}

interface Pair { group: string; slice: number; image: string; mask: string }

async function findPairs(root: string): Promise<Pair[]> {
  const patients = (await readdir(root, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && d.name.startsWith('TCGA_')).map((d) => d.name).sort();
  const pairs: Pair[] = [];
  for (const patient of patients) {
    const names = new Set(await readdir(join(root, patient)));
    for (const name of names) {
      const m = /^(.*)_(\d+)\.tif$/.exec(name);
      if (!m) continue;
      const mask = `${m[1]}_${m[2]}_mask.tif`;
      if (!names.has(mask)) throw new DatasetError('DATASET_BAD_FORMAT', `slice has no ${mask} beside it`, { file: join(root, patient, name) });
      pairs.push({ group: patient, slice: Number(m[2]), image: join(root, patient, name), mask: join(root, patient, mask) });
    }
  }
  return pairs.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.slice - b.slice));
}

async function decodeTo(file: string, channels: 1 | 3, side: number, method: 'area' | 'nearest'): Promise<Uint8Array> {
  const img = decodeImage(await readBytes(file), file);
  return resizePixels(rgbaToChannels(img, channels), img.height, img.width, channels, side, side, method);
}

export async function loadLggSlices(opts: LggOptions = {}): Promise<SegmentationSet> {
  const side = opts.size ?? 256;
  squareSize(side);
  const c = opts.flairOnly ? 1 : 3;
  const ds = await resolveDataset(getSpec('brain-mri-lgg-seg-subset'), opts);
  const pairs = await findPairs(ds.dir);
  if (pairs.length === 0) throw new DatasetError('DATASET_BAD_FORMAT', 'no TCGA_* patient folders with slices', { file: ds.dir, dataset: 'brain-mri-lgg-seg-subset' });
  const key = { side, c, dir: ds.dir, fingerprint: await folderFingerprint([...new Set(pairs.map((p) => join(ds.dir, p.group)))]) };
  return withDecodedCache('brain-mri-lgg-seg-subset', key, opts, async () => {
    const per = side * side;
    const images = new Uint8Array(pairs.length * per * c);
    const masks = new Uint8Array(pairs.length * per);
    for (const [i, p] of pairs.entries()) {
      const rgb = await decodeTo(p.image, 3, side, 'area'); // [side, side, 3]
      if (c === 3) images.set(rgb, i * per * 3);
      else for (let j = 0; j < per; j++) images[i * per + j] = rgb[3 * j + 1]; // FLAIR
      const m = await decodeTo(p.mask, 1, side, 'nearest'); // [side, side, 1], 0/255
      for (let j = 0; j < per; j++) masks[i * per + j] = m[j] > 127 ? 1 : 0;
    }
    return {
      images, shape: [pairs.length, side, side, c], masks, maskShape: [pairs.length, side, side, 1],
      groups: pairs.map((p) => p.group), files: pairs.map((p) => p.image.slice(ds.dir.length + 1)),
    } satisfies SegmentationSet;
  });
}
