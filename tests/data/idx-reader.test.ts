import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIdx, readIdxFile } from '../../src/data/readers/idx.ts';
import { expectCode, expectCodeAsync, FIXTURES, fixturePixel, onlyDatasetErrors, removeTempDirs, tempDir } from './helpers.ts';
import { writeFileSync } from 'node:fs';

afterAll(removeTempDirs);

const raw = readFileSync(join(FIXTURES, 'mnist-tiny/train-images-idx3-ubyte'));
const header = (type: number, dims: number[]): Buffer => {
  const h = Buffer.alloc(4 + 4 * dims.length);
  h[2] = type; h[3] = dims.length;
  dims.forEach((d, i) => h.writeUInt32BE(d, 4 + 4 * i));
  return h;
};

describe('IDX reader', () => {
  it('reads a raw uint8 file: shape from the header, pixels as written', () => {
    const a = parseIdx(raw, 'train-images');
    expect(a.dtype).toBe('uint8');
    expect(a.shape).toEqual([20, 28, 28]);
    expect(a.data[(3 * 28 + 5) * 28 + 7]).toBe(fixturePixel(3, 5, 7, 0));
    expect(a.data.buffer.byteLength).toBe(20 * 28 * 28); // a standalone copy, not a view
  });

  it('reads gzip by sniffing the bytes, whatever the name', async () => {
    const a = await readIdxFile(join(FIXTURES, 'mnist-tiny/t10k-images-idx3-ubyte.gz'));
    expect(a.shape).toEqual([10, 28, 28]);
    const dir = tempDir();
    writeFileSync(join(dir, 'plain-name'), gzipSync(raw));
    expect((await readIdxFile(join(dir, 'plain-name'))).shape).toEqual([20, 28, 28]);
  });

  it.each([
    [0x0b, 'int16', [1, -2], (b: Buffer) => { b.writeInt16BE(1, 0); b.writeInt16BE(-2, 2); }, 4],
    [0x0c, 'int32', [70000, -5], (b: Buffer) => { b.writeInt32BE(70000, 0); b.writeInt32BE(-5, 4); }, 8],
    [0x0d, 'float32', [1.5, -0.25], (b: Buffer) => { b.writeFloatBE(1.5, 0); b.writeFloatBE(-0.25, 4); }, 8],
    [0x0e, 'float64', [Math.PI, -1], (b: Buffer) => { b.writeDoubleBE(Math.PI, 0); b.writeDoubleBE(-1, 8); }, 16],
  ])('decodes big-endian type 0x%s as %s', (type, dtype, values, write, size) => {
    const body = Buffer.alloc(size);
    write(body);
    const a = parseIdx(Buffer.concat([header(type, [2]), body]));
    expect(a.dtype).toBe(dtype);
    expect(Array.from(a.data)).toEqual(values);
  });

  it('refuses wrong magic, short and long files with the matching code', () => {
    expectCode(() => parseIdx(Buffer.from('PK\x03\x04zip file')), 'DATASET_BAD_MAGIC');
    expectCode(() => parseIdx(Buffer.concat([header(0x07, [1]), Buffer.alloc(1)])), 'DATASET_BAD_MAGIC');
    const e = expectCode(() => parseIdx(raw.subarray(0, raw.length - 1), 'x.idx'), 'DATASET_TRUNCATED');
    expect(e.message).toContain('[20, 28, 28]');
    expect(e.file).toBe('x.idx');
    expectCode(() => parseIdx(Buffer.concat([raw, Buffer.alloc(3)])), 'DATASET_CORRUPT');
    expectCode(() => parseIdx(raw.subarray(0, 10)), 'DATASET_TRUNCATED');
  });

  it('reports a cut-off gzip as truncated, a damaged one as corrupt', async () => {
    const gz = readFileSync(join(FIXTURES, 'mnist-tiny/t10k-images-idx3-ubyte.gz'));
    const dir = tempDir();
    writeFileSync(join(dir, 'cut.gz'), gz.subarray(0, gz.length >> 1));
    await expectCodeAsync(readIdxFile(join(dir, 'cut.gz')), 'DATASET_TRUNCATED');
    const bad = Buffer.from(gz); bad[12] ^= 0xff; bad[13] ^= 0xff;
    writeFileSync(join(dir, 'bad.gz'), bad);
    const e = await readIdxFile(join(dir, 'bad.gz')).catch((x) => x);
    expect(['DATASET_CORRUPT', 'DATASET_TRUNCATED']).toContain(e.code);
    await expectCodeAsync(readIdxFile(join(dir, 'missing')), 'DATASET_NOT_FOUND');
  });

  it('fuzz: random bytes, truncations and header edits give a DatasetError or a consistent array', () => {
    const check = (bytes: Uint8Array): void => {
      const a = onlyDatasetErrors(() => parseIdx(bytes));
      if (a) expect(a.data.length).toBe(a.shape.reduce((x, y) => x * y, 1)); // never silent garbage
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => check(b)), { numRuns: 500 });
    fc.assert(fc.property(fc.integer({ min: 0, max: raw.length }), (n) => check(raw.subarray(0, n))), { numRuns: 200 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 255 }), (pos, v) => {
      const b = Buffer.from(raw); b[pos] = v; check(b);
    }), { numRuns: 300 });
    // A header promising 2^32-1 elements over a tiny body must not try to allocate them.
    expectCode(() => parseIdx(Buffer.concat([header(0x08, [0xffffffff, 0xffffffff]), Buffer.alloc(8)])), 'DATASET_TRUNCATED');
    expect(gunzipSync(gzipSync(raw)).equals(raw)).toBe(true);
  });
});
