// The last resort: the canonical URL, fetched into the cache with Node's fetch and checked
// against the registry's sha256. The bytes go to a .part file first, so an interrupted download
// never looks like a complete one; a checksum mismatch deletes the file and says so.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DatasetError, describeCause } from './errors.ts';
import { extractTarGz } from './readers/tar.ts';
import { acceptedNames, type DatasetSpec } from './spec.ts';

/** Large archives over slow links take a while; a missing network fails at once anyway. */
const TIMEOUT_MS = Number(process.env.GRADEBENCH_DOWNLOAD_TIMEOUT_MS ?? 30 * 60_000);

/** The file name a URL is saved under (its last path segment, decoded). */
export function urlFileName(url: string): string {
  return decodeURIComponent(basename(new URL(url).pathname));
}

/** Fetches `url` into `dest`; with `sha256`, a mismatch deletes the download and throws. */
export async function downloadFile(url: string, dest: string, sha256?: string): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  const part = `${dest}.part-${process.pid}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    const why = describeCause((e as { cause?: unknown }).cause ?? e);
    throw new DatasetError('DATASET_DOWNLOAD', `cannot fetch ${url} (${why})`, { file: dest, cause: e });
  }
  if (!response.ok || !response.body) {
    throw new DatasetError('DATASET_DOWNLOAD', `${url} answered HTTP ${response.status}`, { file: dest });
  }
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, done) { hash.update(chunk); done(null, chunk); },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), hashing,
      createWriteStream(part));
  } catch (e) {
    await rm(part, { force: true });
    throw new DatasetError('DATASET_DOWNLOAD', `download of ${url} broke off (${describeCause(e)})`,
      { file: dest, cause: e });
  }
  const got = hash.digest('hex');
  if (sha256 && got !== sha256.toLowerCase()) {
    await rm(part, { force: true });
    throw new DatasetError('DATASET_CHECKSUM',
      `download of ${url} has sha256 ${got}, expected ${sha256}; the downloaded file was deleted`,
      { file: dest });
  }
  await rename(part, dest);
}

/** Downloads whatever of `spec` the cache folder `dir` lacks (the archive, or file by file). */
export async function downloadIntoCache(spec: DatasetSpec, dir: string): Promise<void> {
  if (spec.archive) {
    const archive = join(dir, urlFileName(spec.archive.url));
    await downloadFile(spec.archive.url, archive, spec.archive.sha256);
    await extractTarGz(archive, dir);
    await rm(archive, { force: true }); // the unpacked files are what later searches find
    return;
  }
  for (const file of spec.files) {
    if (!file.url) continue;
    if (acceptedNames(file).some((n) => existsSync(join(dir, n)))) continue;
    const dest = join(dir, dirname(file.path), urlFileName(file.url));
    try {
      await downloadFile(file.url, dest, file.sha256);
    } catch (e) {
      if (!file.optional) throw e; // a readme that fails to come is no reason to stop
    }
  }
}
