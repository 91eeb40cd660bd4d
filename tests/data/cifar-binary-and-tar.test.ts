import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCifar10, loadCifar10Binary } from '../../src/data/loaders/cifar10.ts';
import { parseCifarBatch } from '../../src/data/readers/cifar-binary.ts';
import { extractTarGz, parseTar } from '../../src/data/readers/tar.ts';
import { expectCode, expectCodeAsync, FIXTURES, fixturePixel, onlyDatasetErrors, removeTempDirs, tempDir } from './helpers.ts';
import { writeFileSync } from 'node:fs';

afterAll(removeTempDirs);
const batchDir = join(FIXTURES, 'cifar10-tiny/cifar-10-batches-bin');
const batch1 = readFileSync(join(batchDir, 'data_batch_1.bin'));
const tarGz = readFileSync(join(FIXTURES, 'cifar10-tiny.tar.gz'));

describe('CIFAR binary batches', () => {
  it('turns CHW records into NHWC images with their labels', () => {
    const { images, labels } = parseCifarBatch(batch1, 'data_batch_1.bin');
    expect(Array.from(labels)).toEqual([0, 1]);
    expect(images.length).toBe(2 * 32 * 32 * 3);
    for (const [i, y, x, c] of [[0, 0, 0, 0], [1, 31, 2, 2], [1, 5, 17, 1]]) {
      expect(images[((i * 32 + y) * 32 + x) * 3 + c]).toBe(fixturePixel(i, y, x, c));
    }
  });

  it('refuses partial records, empty files and labels outside 0..9', () => {
    const e = expectCode(() => parseCifarBatch(batch1.subarray(0, 3073 + 100), 'b.bin'), 'DATASET_TRUNCATED');
    expect(e.message).toMatch(/1 records of 3073 bytes and 100 left over/);
    expectCode(() => parseCifarBatch(new Uint8Array(0)), 'DATASET_TRUNCATED');
    const bad = Buffer.from(batch1); bad[3073] = 10;
    expectCode(() => parseCifarBatch(bad), 'DATASET_CORRUPT');
  });

  it('loads the whole split from a folder given as dataDir (cifar-10-batches-bin/ inside)', async () => {
    const { train, test } = await loadCifar10Binary({ dataDir: join(FIXTURES, 'cifar10-tiny'), mirror: false, download: false });
    expect(train.shape).toEqual([10, 32, 32, 3]);
    expect(test.shape).toEqual([2, 32, 32, 3]);
    expect(Array.from(train.labels)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(test.images[((1 * 32 + 4) * 32 + 9) * 3 + 2]).toBe(fixturePixel(11, 4, 9, 2));
  });

  it('loadCifar10 prefers the binary form when present, and applies per-class limits to it', async () => {
    const set = await loadCifar10({ dataDir: join(FIXTURES, 'cifar10-tiny'), trainPerClass: 1, testPerClass: 1 });
    expect(set.source).toBe('binary');
    expect(set.train.shape).toEqual([10, 32, 32, 3]);
    expect(Array.from(set.test.labels)).toEqual([0, 1]);
  });

  it('fuzz: random bytes and truncations throw DatasetError or parse whole records', () => {
    const check = (b: Uint8Array): void => {
      const r = onlyDatasetErrors(() => parseCifarBatch(b));
      if (r) expect(r.images.length).toBe(r.labels.length * 3072);
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 7000 }), check), { numRuns: 200 });
    fc.assert(fc.property(fc.integer({ min: 0, max: batch1.length }), (n) => check(batch1.subarray(0, n))), { numRuns: 200 });
  });
});

describe('tar.gz reader', () => {
  it('lists the regular files of a ustar archive', () => {
    const entries = parseTar(gunzipSync(tarGz), 'fixture.tar');
    expect(entries.map((e) => e.name)).toContain('cifar-10-batches-bin/data_batch_1.bin');
    expect(Buffer.from(entries.find((e) => e.name.endsWith('data_batch_1.bin'))!.data).equals(batch1)).toBe(true);
  });

  it('unpacks into a folder', async () => {
    const dir = tempDir();
    await extractTarGz(join(FIXTURES, 'cifar10-tiny.tar.gz'), dir);
    expect(existsSync(join(dir, 'cifar-10-batches-bin/test_batch.bin'))).toBe(true);
  });

  it('refuses entries that escape the folder, bad checksums and cut archives', async () => {
    const tar = Buffer.from(gunzipSync(tarGz));
    const evil = Buffer.from(tar);
    const at = 512; // the folder's own header comes first (size 0), then the first file's
    expect(String.fromCharCode(evil[at + 156])).toBe('0');
    evil.fill(0, at, at + 100);
    evil.fill(0, at + 345, at + 500); // no ustar prefix
    evil.write('../evil', at, 'latin1');
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : evil[at + i];
    evil.write(`${sum.toString(8).padStart(6, '0')}\0 `, at + 148, 'latin1');
    const dir = tempDir();
    const { gzipSync } = await import('node:zlib');
    writeFileSync(join(dir, 'evil.tar.gz'), gzipSync(evil));
    await expectCodeAsync(extractTarGz(join(dir, 'evil.tar.gz'), join(dir, 'out')), 'DATASET_CORRUPT');
    const flipped = Buffer.from(tar); flipped[10] ^= 1;
    expectCode(() => parseTar(flipped, 't'), 'DATASET_CORRUPT');
    expectCode(() => parseTar(tar.subarray(0, 700), 't'), 'DATASET_TRUNCATED');
  });

  it('fuzz: random and truncated archives throw DatasetError only', () => {
    const tar = gunzipSync(tarGz);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (b) => { onlyDatasetErrors(() => parseTar(b, 'r')); }), { numRuns: 300 });
    fc.assert(fc.property(fc.integer({ min: 0, max: tar.length }), (n) => { onlyDatasetErrors(() => parseTar(tar.subarray(0, n), 't')); }), { numRuns: 200 });
  });
});
