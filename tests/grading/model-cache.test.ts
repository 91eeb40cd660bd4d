import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedModel, loadArtifact } from '../../src/grading/model-cache.ts';

const thisFile = fileURLToPath(import.meta.url);
let cache: string;
let trained = 0;

function spec(recipe: object) {
  return {
    name: 'tiny', recipe, sources: [thisFile],
    train: async () => {
      trained++;
      const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2 })] });
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
