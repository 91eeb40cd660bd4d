import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage, sniffImageFormat } from '../../src/data/readers/image-decode.ts';
import { readImageFolder } from '../../src/data/readers/image-folder.ts';
import { resizePixels, rgbaToChannels } from '../../src/data/readers/image-pixels.ts';
import { expectCode, expectCodeAsync, FIXTURES, fixturePixel, onlyDatasetErrors } from './helpers.ts';

const img = (name: string): Buffer => readFileSync(join(FIXTURES, 'images', name));
const W = 5, H = 4;
const expected = (y: number, x: number, c: number): number => fixturePixel(1, y, x, c);

describe('image decoding (PNG / JPEG / TIFF)', () => {
  it.each([['rgb-5x4.png', 0], ['rgb-5x4.tif', 0], ['rgb-5x4.jpg', 24]])('%s decodes to the fixture pixels (tolerance %i)', (name, tol) => {
    const d = decodeImage(img(name), name);
    expect([d.width, d.height]).toEqual([W, H]);
    let worst = 0;
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < 3; c++) {
      worst = Math.max(worst, Math.abs(d.rgba[(y * W + x) * 4 + c] - expected(y, x, c)));
    }
    expect(worst).toBeLessThanOrEqual(tol);
  });

  it('reads a 1-channel TIFF mask written field by field', () => {
    const d = decodeImage(img('mask-5x4.tif'));
    const grey = rgbaToChannels(d, 1);
    expect(Array.from(grey.subarray(0, 4))).toEqual([0, 255, 0, 255]);
  });

  it('sniffs the format from magic bytes, not the name', () => {
    expect(sniffImageFormat(img('rgb-5x4.png'))).toBe('png');
    expect(sniffImageFormat(img('rgb-5x4.jpg'))).toBe('jpeg');
    expect(sniffImageFormat(img('rgb-5x4.tif'))).toBe('tiff');
    expect(sniffImageFormat(Buffer.from('GIF89a'))).toBeUndefined();
    expectCode(() => decodeImage(Buffer.from('GIF89a....'), 'x.gif'), 'DATASET_BAD_MAGIC');
  });

  it('refuses cut-off files of every format', () => {
    for (const name of ['rgb-5x4.png', 'rgb-5x4.jpg', 'rgb-5x4.tif', 'mask-5x4.tif']) {
      const b = img(name);
      const e = expectCode(() => decodeImage(b.subarray(0, b.length - 10), name), b[0] === 0x89 ? 'DATASET_CORRUPT' : 'DATASET_TRUNCATED');
      expect(e.file).toBe(name);
    }
  });

  it('grey is luma; area resize averages; nearest keeps mask values', () => {
    const d = decodeImage(img('rgb-5x4.png'));
    const grey = rgbaToChannels(d, 1);
    expect(grey[0]).toBe(Math.round(0.299 * expected(0, 0, 0) + 0.587 * expected(0, 0, 1) + 0.114 * expected(0, 0, 2)));
    const src = Uint8Array.from([0, 100, 200, 50]); // [2, 2, 1]
    expect(Array.from(resizePixels(src, 2, 2, 1, 1, 1, 'area'))).toEqual([88]);
    const mask = Uint8Array.from([0, 255, 255, 0]);
    expect(new Set(resizePixels(mask, 2, 2, 1, 7, 7, 'nearest'))).toEqual(new Set([0, 255]));
    const up = resizePixels(src, 2, 2, 1, 4, 4, 'bilinear');
    expect(up[0]).toBe(0);
    expect(up.every((v) => v >= 0 && v <= 200)).toBe(true);
  });

  it('property: resizing a constant image keeps it constant, in every method', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 40 }), fc.constantFrom(1, 3), fc.integer({ min: 0, max: 255 }), fc.constantFrom('area', 'bilinear', 'nearest'),
      (h, w, oh, ow, c, v, m) => {
        const out = resizePixels(new Uint8Array(h * w * c).fill(v), h, w, c, oh, ow, m as 'area');
        expect(out.length).toBe(oh * ow * c);
        expect(out.every((p) => p === v)).toBe(true);
      }), { numRuns: 200 });
  });

  it('reads a class-per-folder tree: natural order, non-images skipped, labels by folder', async () => {
    const set = await readImageFolder(join(FIXTURES, 'images/folder'), { channels: 1 });
    expect(set.classNames).toEqual(['cat', 'dog']);
    expect(set.files.map((f) => f.split('/').slice(-2).join('/'))).toEqual(['cat/2.png', 'cat/10.png', 'dog/1.jpg']);
    expect(Array.from(set.labels)).toEqual([0, 0, 1]);
    expect(set.shape).toEqual([3, 4, 5, 1]);
    const small = await readImageFolder(join(FIXTURES, 'images/folder'), { size: 2, limitPerClass: 1 });
    expect(small.shape).toEqual([2, 2, 2, 3]);
    await expectCodeAsync(readImageFolder(join(FIXTURES, 'images/folder'), { size: 0 }), 'DATASET_BAD_OPTION');
  });

  describe('fuzz: decoders give a DatasetError or a consistent image, never a raw library error', () => {
    const consistent = (b: Uint8Array): void => {
      const d = onlyDatasetErrors(() => decodeImage(b, 'fuzz'));
      if (d) expect(d.rgba.length).toBe(d.width * d.height * 4);
    };
    const prefixes = { png: img('rgb-5x4.png').subarray(0, 8), jpeg: Buffer.from([0xff, 0xd8, 0xff]),
      tiffLE: Buffer.from('II*\0'), tiffBE: Buffer.from('MM\0*') };

    it('random bytes, and random bytes behind each format\'s magic', () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), consistent), { numRuns: 300 });
      for (const magic of Object.values(prefixes)) {
        fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (tail) => consistent(Buffer.concat([magic, tail]))), { numRuns: 300 });
      }
    });

    it.each(['rgb-5x4.png', 'rgb-5x4.jpg', 'rgb-5x4.tif', 'mask-5x4.tif'])('truncations and byte edits of %s', (name) => {
      const b = img(name);
      fc.assert(fc.property(fc.integer({ min: 0, max: b.length }), (n) => consistent(b.subarray(0, n))), { numRuns: 150 });
      fc.assert(fc.property(fc.integer({ min: 0, max: b.length - 1 }), fc.integer({ min: 0, max: 255 }), (pos, v) => {
        const m = Buffer.from(b); m[pos] = v; consistent(m);
      }), { numRuns: 300 });
    });

    it('TIFF headers with huge counts or offsets fail fast instead of looping', () => {
      const t = Buffer.from(img('mask-5x4.tif'));
      const huge = Buffer.from(t); huge.writeUInt32LE(0xfffffff0, 10 + 12 * 5 + 4); // strip-offset count
      const started = Date.now();
      expectCode(() => decodeImage(huge), 'DATASET_TRUNCATED');
      const far = Buffer.from(t); far.writeUInt32LE(0x7fffffff, 4); // IFD offset
      expectCode(() => decodeImage(far), 'DATASET_TRUNCATED');
      const wide = Buffer.from(t); wide.writeUInt16LE(60000, 10 + 8); wide.writeUInt16LE(60000, 10 + 12 + 8);
      expectCode(() => decodeImage(wide), 'DATASET_CORRUPT');
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });
});
