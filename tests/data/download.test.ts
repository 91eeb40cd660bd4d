// The download path, against a local HTTP server on 127.0.0.1 (there is no internet here).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadFile } from '../../src/data/download.ts';
import { resolveDataset } from '../../src/data/resolve.ts';
import type { DatasetSpec } from '../../src/data/spec.ts';
import { readIdxFile } from '../../src/data/readers/idx.ts';
import { expectCodeAsync, FIXTURES, removeTempDirs, tempDir } from './helpers.ts';

const files: Record<string, Buffer> = {
  '/mnist/t10k-images-idx3-ubyte.gz': readFileSync(join(FIXTURES, 'mnist-tiny/t10k-images-idx3-ubyte.gz')),
  '/mnist/t10k-labels-idx1-ubyte.gz': readFileSync(join(FIXTURES, 'mnist-tiny/t10k-labels-idx1-ubyte.gz')),
  '/cifar/cifar-10-binary.tar.gz': readFileSync(join(FIXTURES, 'cifar10-tiny.tar.gz')),
};
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
let server: Server;
let base = '';
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    const body = files[req.url ?? ''];
    if (!body) { res.writeHead(404).end('no'); return; }
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => { await new Promise((ok) => server.close(ok)); removeTempDirs(); });

function idxSpec(imagesSha: string): DatasetSpec {
  return {
    name: 'tiny-mnist-remote', description: 'tiny', license: 'none', howToGet: 'from the test server',
    files: [
      { path: 't10k-images-idx3-ubyte', alternatives: ['t10k-images-idx3-ubyte.gz'], url: `${base}/mnist/t10k-images-idx3-ubyte.gz`, sha256: imagesSha },
      { path: 't10k-labels-idx1-ubyte', alternatives: ['t10k-labels-idx1-ubyte.gz'], url: `${base}/mnist/t10k-labels-idx1-ubyte.gz`,
        sha256: sha(files['/mnist/t10k-labels-idx1-ubyte.gz']) },
    ],
  };
}
const local = (cacheDir: string) => ({ cacheDir, mirror: false as const, download: true });

describe('download into the cache', () => {
  it('fetches each file, checks its sha256, and the next resolve finds it in the cache', async () => {
    const cache = tempDir();
    const spec = idxSpec(sha(files['/mnist/t10k-images-idx3-ubyte.gz']));
    const ds = await resolveDataset(spec, local(cache));
    expect(ds.place).toBe('download');
    expect(ds.files['t10k-images-idx3-ubyte']).toBe(join(cache, 'tiny-mnist-remote', 't10k-images-idx3-ubyte.gz'));
    expect((await readIdxFile(ds.files['t10k-images-idx3-ubyte'])).shape).toEqual([10, 28, 28]);
    const before = requests;
    expect((await resolveDataset(spec, local(cache))).place).toBe('cache');
    expect(requests).toBe(before);
  });

  it('a checksum mismatch deletes the download and says so', async () => {
    const cache = tempDir();
    const e = await expectCodeAsync(resolveDataset(idxSpec('0'.repeat(64)), local(cache)), 'DATASET_CHECKSUM');
    expect(e.message).toContain('was deleted');
    expect(e.message).toContain(sha(files['/mnist/t10k-images-idx3-ubyte.gz']));
    const left = readdirSync(join(cache, 'tiny-mnist-remote'));
    expect(left.filter((f) => f.startsWith('t10k-images'))).toEqual([]);
  });

  it('an HTTP error or refused connection becomes not-found with the reason', async () => {
    const spec = idxSpec('x');
    spec.files[0].url = `${base}/nothing-here.gz`;
    const e = await expectCodeAsync(resolveDataset(spec, local(tempDir())), 'DATASET_NOT_FOUND');
    expect(e.message).toContain('HTTP 404');
    await expectCodeAsync(downloadFile('http://127.0.0.1:9/x', join(tempDir(), 'x')), 'DATASET_DOWNLOAD');
  });

  it('an archive is downloaded, checked, unpacked into the cache and removed', async () => {
    const cache = tempDir();
    const spec: DatasetSpec = {
      name: 'tiny-cifar-remote', description: 'tiny', license: 'none', howToGet: 'from the test server',
      files: [{ path: 'cifar-10-batches-bin/test_batch.bin' }],
      archive: { url: `${base}/cifar/cifar-10-binary.tar.gz`, sha256: sha(files['/cifar/cifar-10-binary.tar.gz']), format: 'tar.gz' },
    };
    const ds = await resolveDataset(spec, local(cache));
    expect(ds.files['cifar-10-batches-bin/test_batch.bin']).toBe(join(cache, 'tiny-cifar-remote/cifar-10-batches-bin/test_batch.bin'));
    expect(existsSync(join(cache, 'tiny-cifar-remote/cifar-10-binary.tar.gz'))).toBe(false);
  });
});
