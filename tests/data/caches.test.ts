// The two on-disk caches: decoded arrays (decoded-cache.ts) and dataset checksums (checksum.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checksumList, contentFiles, datasetDigest } from '../../src/data/checksum.ts';
import { readDecoded, withDecodedCache, writeDecoded } from '../../src/data/decoded-cache.ts';
import { resolveDataset } from '../../src/data/resolve.ts';
import type { DatasetSpec } from '../../src/data/spec.ts';
import { removeTempDirs, tempDir } from './helpers.ts';
import { spawnSync } from 'node:child_process';

afterAll(removeTempDirs);

describe('decoded-array cache', () => {
  const value = { train: { images: Uint8Array.from([1, 2, 3]), labels: Int32Array.from([7, -1]), shape: [1, 1, 1, 3], names: ['a'] },
    extra: [Float64Array.from([Math.PI]), 'text', null] };

  it('round-trips a tree of typed arrays, each standalone', async () => {
    const file = join(tempDir(), 'x.bin');
    await writeDecoded(file, value);
    const back = (await readDecoded(file)) as typeof value;
    expect(back).toEqual(value);
    expect(back.train.labels).toBeInstanceOf(Int32Array);
    expect(back.train.images.buffer.byteLength).toBe(3);
  });

  it('builds once, then serves from the file; a damaged file is rebuilt', async () => {
    const cacheDir = tempDir();
    let builds = 0;
    const build = async () => { builds++; return value; };
    await withDecodedCache('toy', { a: 1 }, { cacheDir }, build);
    expect(await withDecodedCache('toy', { a: 1 }, { cacheDir }, build)).toEqual(value);
    expect(builds).toBe(1);
    await withDecodedCache('toy', { a: 2 }, { cacheDir }, build);
    expect(builds).toBe(2);
    for (const f of readdirSync(join(cacheDir, 'decoded'))) {
      const file = join(cacheDir, 'decoded', f);
      writeFileSync(file, readFileSync(file).subarray(0, 40)); // cut inside the arrays
    }
    expect(await withDecodedCache('toy', { a: 1 }, { cacheDir }, build)).toEqual(value);
    expect(builds).toBe(3);
    expect(await withDecodedCache('toy', { a: 1 }, { cacheDir, cache: false }, build)).toEqual(value);
    expect(builds).toBe(4);
  });
});

describe('dataset checksums', () => {
  function folderSet(withSums: boolean) {
    const dir = tempDir();
    const root = join(dir, 'imgs');
    mkdirSync(join(root, 'b'), { recursive: true });
    writeFileSync(join(root, 'b', 'x.bin'), 'xx');
    writeFileSync(join(root, 'b', 'y.bin'), 'yyy');
    writeFileSync(join(root, 'MANIFEST.md'), '# not data');
    if (withSums) spawnSync('sh', ['-c', 'sha256sum b/x.bin b/y.bin > SHA256SUMS'], { cwd: root });
    const spec: DatasetSpec = { name: 'imgs', description: 'd', license: 'l', howToGet: 'h', files: [{ path: 'b/' }, { path: 'SHA256SUMS', optional: true }] };
    return { dir, root, spec };
  }

  it('computes the list in sha256sum format, sorted, and it equals sha256sum\'s own', async () => {
    const { dir, root, spec } = folderSet(true);
    const ds = await resolveDataset(spec, { dataDir: dir, mirror: false, download: false });
    const list = await checksumList(await contentFiles(ds));
    expect(list).toBe(readFileSync(join(root, 'SHA256SUMS'), 'utf8'));
    const digest = await datasetDigest(ds, { cacheDir: tempDir() });
    expect(digest).toMatchObject({ bytes: 5, files: 2, fromSums: true });
    expect(digest.sha256).toBe(createHash('sha256').update(list).digest('hex'));
  });

  it('without SHA256SUMS hashes the computed list; the cache is keyed by size and mtime', async () => {
    const { dir, root, spec } = folderSet(false);
    const cacheDir = tempDir();
    const ds = await resolveDataset(spec, { dataDir: dir, mirror: false, download: false });
    const first = await datasetDigest(ds, { cacheDir });
    expect(first.fromSums).toBe(false);
    expect(readdirSync(join(cacheDir, 'checksums')).length).toBe(1);
    expect(await datasetDigest(ds, { cacheDir })).toEqual(first);
    writeFileSync(join(root, 'b', 'x.bin'), 'XX'); // same size, new content
    utimesSync(join(root, 'b', 'x.bin'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    const changed = await datasetDigest(ds, { cacheDir });
    expect(changed.sha256).not.toBe(first.sha256);
    expect(readdirSync(join(cacheDir, 'checksums')).length).toBe(2);
  });
});
