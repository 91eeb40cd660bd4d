import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cachedModel, loadArtifact } from '../../src/grading/model-cache.ts';

const thisFile = fileURLToPath(import.meta.url);
let cache: string;
let trained = 0;

function spec(recipe: object) {
  return {
    name: 'tiny', recipe, sources: [thisFile],
    train: async () => {
      trained++;
      // Seeded, so a retrain reproduces the clean weights and a test can tell them from tampered ones.
      const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })] });
      return { model, info: { trainedAt: trained } };
    },
  };
}

describe('cachedModel', () => {
  beforeAll(() => { cache = mkdtempSync(join(tmpdir(), 'gb-models-')); process.env.GRADEBENCH_CACHE = cache; });
  afterAll(() => { delete process.env.GRADEBENCH_CACHE; rmSync(cache, { recursive: true, force: true }); });

  it('trains once, then reads the same weights back', async () => {
    const first = await cachedModel(spec({ epochs: 1 }));
    const second = await cachedModel(spec({ epochs: 1 }));
    expect([first.fromCache, second.fromCache]).toEqual([false, true]);
    expect(second.info).toEqual(first.info);
    expect(new Uint8Array(second.artifact.weightData)).toEqual(new Uint8Array(first.artifact.weightData));
    const model = await loadArtifact(second.artifact);
    expect(model.outputs[0].shape).toEqual([null, 2]);
    model.dispose();
  });

  it('takes import.meta.url as a source, and keys on the same file either way', async () => {
    const viaUrl = await cachedModel({ ...spec({ epochs: 1 }), sources: [import.meta.url] });
    expect(viaUrl.fromCache).toBe(true); // same contents as thisFile: the entry of the first test
  });

  it('retrains when the recipe changes', async () => {
    const before = trained;
    const other = await cachedModel(spec({ epochs: 2 }));
    expect(other.fromCache).toBe(false);
    expect(trained).toBe(before + 1);
  });

  it('retrains rather than trust a corrupted entry', async () => {
    const entry = await cachedModel(spec({ epochs: 3 }));
    writeFileSync(join(entry.dir, 'model.json'), '{ not json');
    const again = await cachedModel(spec({ epochs: 3 }));
    expect(again.fromCache).toBe(false);
    expect((await cachedModel(spec({ epochs: 3 }))).fromCache).toBe(true);
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

describe('cachedModel integrity', () => {
  beforeAll(() => { cache = mkdtempSync(join(tmpdir(), 'gb-models-')); process.env.GRADEBENCH_CACHE = cache; });
  afterAll(() => { delete process.env.GRADEBENCH_CACHE; rmSync(cache, { recursive: true, force: true }); });

  const weightsOf = (m: { artifact: { weightData: ArrayBuffer } }) => Array.from(new Uint8Array(m.artifact.weightData));

  /** Stores a clean entry for recipe, tampers with it, then expects one retrain, one log line with the reason, the clean weights, and a clean entry after. */
  async function expectRetrained(recipe: object, tamper: (dir: string) => void, reason: RegExp): Promise<void> {
    const clean = await cachedModel(spec(recipe));
    tamper(clean.dir);
    const before = trained;
    const got = await withStderr(() => cachedModel(spec(recipe)));
    expect([got.value.fromCache, trained]).toEqual([false, before + 1]);
    expect(weightsOf(got.value)).toEqual(weightsOf(clean));
    expect(got.lines).toEqual([expect.stringMatching(/^gradebench: cache entry tiny-[0-9a-f]{16} failed its integrity check \(.*\); rebuilding$/)]);
    expect(got.lines[0]).toMatch(reason);
    const again = await withStderr(() => cachedModel(spec(recipe))); // rewritten intact
    expect([again.value.fromCache, trained, again.lines]).toEqual([true, before + 1, []]);
  }

  it('reads a clean entry without retraining or logging', async () => {
    await cachedModel(spec({ integrity: 'clean' }));
    const before = trained;
    const got = await withStderr(() => cachedModel(spec({ integrity: 'clean' })));
    expect([got.value.fromCache, trained, got.lines]).toEqual([true, before, []]);
  });

  it('retrains when a byte of weights.bin is flipped, and returns the true weights', async () => {
    await expectRetrained({ integrity: 'flip' }, (dir) => {
      const bytes = readFileSync(join(dir, 'weights.bin'));
      bytes[5] ^= 0x40; // still a valid float32: only the hash tells
      writeFileSync(join(dir, 'weights.bin'), bytes);
    }, /sha256 mismatch in weights\.bin/);
  });

  it('retrains when weights.bin is truncated', async () => {
    await expectRetrained({ integrity: 'truncate' }, (dir) => {
      writeFileSync(join(dir, 'weights.bin'), readFileSync(join(dir, 'weights.bin')).subarray(0, 8));
    }, /weights\.bin truncated/);
  });

  it('retrains an entry without integrity.json (the old format)', async () => {
    await expectRetrained({ integrity: 'old' }, (dir) => rmSync(join(dir, 'integrity.json')), /no hash \(old format\)/);
  });

  it('retrains when info.json is edited', async () => {
    await expectRetrained({ integrity: 'info' }, (dir) => writeFileSync(join(dir, 'info.json'), '{"trainedAt":-1}'), /sha256 mismatch in info\.json/);
  });
});
