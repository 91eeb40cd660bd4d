// Every mirror loader on the real mirror (../shared/datasets, or GRADEBENCH_MIRROR), checked
// against the counts and shapes in each folder's MANIFEST.md. Skipped where the mirror is absent.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as data from '../../src/data/index.ts';
import { HAS_MIRROR, removeTempDirs, TEST_CACHE, tempDir } from './helpers.ts';
import { afterAll } from 'vitest';

afterAll(removeTempDirs);
const opts = { cacheDir: TEST_CACHE, download: false };
const count = (labels: Int32Array, k: number): number => labels.reduce((a, l) => a + (l === k ? 1 : 0), 0);

describe.skipIf(!HAS_MIRROR)('mirror loaders match their manifests', () => {
  it('ml2020-hw1-pm25: 4320 x 24 train (240 days), 4320 x 9 test (240 ids)', async () => {
    const { train, test } = await data.loadPm25(opts);
    expect(train.shape).toEqual([4320, 24]);
    expect(train.dates.length).toBe(240);
    expect(train.dates[0]).toBe('2014/1/1');
    expect(train.values[9 * 24]).toBe(26); // 2014/1/1 PM2.5 at hour 0
    expect(test.shape).toEqual([4320, 9]);
    expect(test.ids.slice(0, 2)).toEqual(['id_0', 'id_1']);
  });

  it('uci-adult: 32561 train (7841 >50K) + 16281 test (3846 >50K), 14 columns + label', async () => {
    const { train, test } = await data.loadAdult(opts);
    expect(train.rows.length).toBe(32561);
    expect(count(train.labels, 1)).toBe(7841);
    expect(test.rows.length).toBe(16281);
    expect(count(test.labels, 1)).toBe(3846);
    expect(train.columns.length).toBe(14);
    expect(train.rows.filter((r) => r.includes(null)).length).toBe(2399);
    expect(test.rows.filter((r) => r.includes(null)).length).toBe(1221);
  });

  it('uci-sentiment: 3 x 1000 lines, 500 / 500, imdb line 19 kept whole', async () => {
    const s = await data.loadSentiment(opts);
    for (const src of data.SENTIMENT_SOURCES) {
      expect(s[src].texts.length).toBe(1000);
      expect(count(s[src].labels, 1)).toBe(500);
    }
    expect(s.imdb.texts[18]).toContain('"masterpieces');
    expect((await data.loadSentimentAll(opts)).texts.length).toBe(3000);
  });

  it('cmn-eng: 18000 / 500 / 2636 pairs, vocab 3922 en / 3775 cn; cmn.txt 21621 pairs', async () => {
    const hw8 = await data.loadCmnEngHw8(opts);
    expect([hw8.train.en.length, hw8.validation.en.length, hw8.test.en.length]).toEqual([18000, 500, 2636]);
    expect(hw8.vocab.en.int2word.length).toBe(3922);
    expect(hw8.vocab.cn.int2word.length).toBe(3775);
    expect(hw8.vocab.cn.int2word.slice(0, 4)).toEqual(['<PAD>', '<BOS>', '<EOS>', '<UNK>']);
    expect(hw8.train.zh[0].endsWith(' ')).toBe(false);
    const cmn = await data.loadCmnTxt(opts);
    expect(cmn.en.length).toBe(21621);
    expect(cmn.attribution[0]).toContain('CC-BY 2.0');
    expect(cmn.zh[0].includes('\r')).toBe(false);
  });

  it('ag-news-test: 7600 rows, 4 x 1900, classes from classes.txt', async () => {
    const ag = await data.loadAgNews(opts);
    expect(ag.texts.length).toBe(7600);
    expect([0, 1, 2, 3].map((k) => count(ag.labels, k))).toEqual([1900, 1900, 1900, 1900]);
    expect(ag.classNames).toEqual(['World', 'Sports', 'Business', 'Sci/Tech']);
    expect(ag.titles[0]).toBe('Fears for T N pension after talks');
  });

  it('cifar10-jpeg: 5000 / 1000 files per class; a per-class subset decodes to [n, 32, 32, 3]', async () => {
    const counts = await data.countCifar10Jpeg(opts);
    expect(counts.train).toEqual(Array(10).fill(5000));
    expect(counts.test).toEqual(Array(10).fill(1000));
    const { train, test } = await data.loadCifar10Jpeg({ ...opts, trainPerClass: 20, testPerClass: 10 });
    expect(train.shape).toEqual([200, 32, 32, 3]);
    expect(test.shape).toEqual([100, 32, 32, 3]);
    expect([count(train.labels, 0), count(train.labels, 9)]).toEqual([20, 20]);
    expect(train.classNames![3]).toBe('cat');
  });

  it('cifar10-jpeg: decoded arrays are cached by options; the second load is identical and faster', async () => {
    const cacheDir = tempDir();
    const o = { ...opts, cacheDir, trainPerClass: 30, testPerClass: 5 };
    let t = performance.now();
    const first = await data.loadCifar10Jpeg(o);
    const cold = performance.now() - t;
    t = performance.now();
    const again = await data.loadCifar10Jpeg(o);
    const warm = performance.now() - t;
    expect(Buffer.from(again.train.images).equals(Buffer.from(first.train.images))).toBe(true);
    expect(Array.from(again.test.labels)).toEqual(Array.from(first.test.labels));
    expect(readdirSync(join(cacheDir, 'decoded')).length).toBe(1);
    expect(warm).toBeLessThan(cold);
    await data.loadCifar10Jpeg({ ...o, channels: 1 }); // other options, other file
    expect(readdirSync(join(cacheDir, 'decoded')).length).toBe(2);
  });

  it('cifar10-kaggle-png-first200: [200, 32, 32, 3], first labels frog, truck, truck', async () => {
    const set = await data.loadCifar10Png200(opts);
    expect(set.shape).toEqual([200, 32, 32, 3]);
    expect(Array.from(set.labels.slice(0, 3))).toEqual([6, 9, 9]);
    expect(count(set.labels, 1)).toBe(28); // automobile, the largest class
  });

  it('brain-mri-tumor-yes-no: 155 yes + 98 no resized; 228 after dedupe, no duplicate across labels', async () => {
    const set = await data.loadBrainMri({ ...opts, size: 64 });
    expect(set.shape).toEqual([253, 64, 64, 3]);
    expect(count(set.labels, 1)).toBe(155);
    const unique = await data.loadBrainMri({ ...opts, size: 64, dedupe: true });
    expect(unique.shape).toEqual([228, 64, 64, 3]);
    expect(new Set(unique.sha256).size).toBe(228);
    const labelOf = new Map(set.sha256.map((s, i) => [s, set.labels[i]]));
    set.sha256.forEach((s, i) => expect(labelOf.get(s)).toBe(set.labels[i]));
  });

  it('brain-mri-lgg-seg-subset: 89 pairs of 4 patients, masks 0/1, 30 non-empty', async () => {
    const set = await data.loadLggSlices({ ...opts, size: 128 });
    expect(set.shape).toEqual([89, 128, 128, 3]);
    expect(set.maskShape).toEqual([89, 128, 128, 1]);
    expect(new Set(set.groups).size).toBe(4);
    expect(set.masks.every((v) => v === 0 || v === 1)).toBe(true);
    const per = 128 * 128;
    let nonEmpty = 0;
    for (let i = 0; i < 89; i++) if (set.masks.subarray(i * per, (i + 1) * per).some((v) => v)) nonEmpty++;
    expect(nonEmpty).toBe(30);
    const flair = await data.loadLggSlices({ ...opts, size: 64, flairOnly: true });
    expect(flair.shape).toEqual([89, 64, 64, 1]);
  });

  it('anime-faces: 3000 faces 96x96; limit and resize', async () => {
    const small = await data.loadAnimeFaces({ ...opts, limit: 50, size: 64 });
    expect(small.shape).toEqual([50, 64, 64, 3]);
    expect(small.files.slice(0, 3)).toEqual(['faces/0.jpg', 'faces/1.jpg', 'faces/2.jpg']);
    const all = await data.loadAnimeFaces(opts);
    expect(all.shape).toEqual([3000, 96, 96, 3]);
  });
});
