// The two on-disk caches: decoded arrays (decoded-cache.ts) and dataset checksums (checksum.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CacheIntegrityError } from '../../src/data/cache-integrity.ts';
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

/** Runs fn with stderr captured; returns its value and the lines it wrote. */
async function withStderr<T>(fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { lines.push(String(chunk).trimEnd()); return true; });
  try {
    return { value: await fn(), lines };
  } finally {
    spy.mockRestore();
  }
}

describe('decoded-array cache integrity', () => {
  // The last array is one Float64 (8 bytes, no padding) just before the 32-byte digest, so a flip
  // at size - 40 turns pi into a plausible wrong number: only the hash can tell.
  const value = { train: { images: Uint8Array.from([1, 2, 3]), labels: Int32Array.from([7, -1]), names: ['a'] }, pi: Float64Array.from([Math.PI]) };

  /** A cache folder holding one clean entry for ('toy', {a: 1}); cached() reads it, counting builds. */
  async function cacheWithEntry() {
    const cacheDir = tempDir();
    const counter = { builds: 0 };
    const cached = () => withStderr(() => withDecodedCache('toy', { a: 1 }, { cacheDir }, async () => { counter.builds++; return value; }));
    await cached();
    const file = join(cacheDir, 'decoded', readdirSync(join(cacheDir, 'decoded'))[0]);
    return { file, counter, cached };
  }

  /** Tampers with the entry, then expects one rebuild, one log line with the reason, the right value, and a clean entry after. */
  async function expectRebuilt(tamper: (file: string) => void | Promise<void>, reason: RegExp): Promise<void> {
    const { file, counter, cached } = await cacheWithEntry();
    await tamper(file);
    const got = await cached();
    expect(counter.builds).toBe(2);
    expect(got.value).toEqual(value);
    expect(got.lines).toEqual([expect.stringMatching(/^gradebench: cache entry toy-[0-9a-f]{24} failed its integrity check \(.*\); rebuilding$/)]);
    expect(got.lines[0]).toMatch(reason);
    const again = await cached(); // rewritten intact
    expect([counter.builds, again.lines]).toEqual([2, []]);
  }

  it('serves a clean entry without rebuilding or logging', async () => {
    const { counter, cached } = await cacheWithEntry();
    const got = await cached();
    expect(got.value).toEqual(value);
    expect([counter.builds, got.lines]).toEqual([1, []]);
  });

  it('rebuilds an entry with a flipped byte in its arrays, and returns the true value', async () => {
    await expectRebuilt(async (file) => {
      const bytes = readFileSync(file);
      bytes[bytes.length - 40] ^= 1;
      writeFileSync(file, bytes);
      await expect(readDecoded(file)).rejects.toThrow('sha256 mismatch'); // still parses: only the hash catches it
    }, /sha256 mismatch/);
  });

  it('rebuilds a truncated entry', async () => {
    await expectRebuilt((file) => writeFileSync(file, readFileSync(file).subarray(0, -33)), /truncated/);
  });

  it('rebuilds an old-format (GBDC0001) entry, which has no hash', async () => {
    await expectRebuilt((file) => {
      const bytes = readFileSync(file).subarray(0, -32); // the old layout: the same without the digest
      bytes.write('GBDC0001', 0, 'latin1');
      writeFileSync(file, bytes);
    }, /no hash \(old format\)/);
  });

  it('detects a flip of any single byte of the file', async () => {
    const file = join(tempDir(), 'x.bin');
    await writeDecoded(file, value);
    const clean = readFileSync(file);
    for (let i = 0; i < clean.length; i++) {
      const bytes = Buffer.from(clean);
      bytes[i] ^= 0x10;
      writeFileSync(file, bytes);
      await expect(readDecoded(file), `byte ${i}`).rejects.toBeInstanceOf(CacheIntegrityError);
    }
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
