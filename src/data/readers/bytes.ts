// Reading files as bytes, gzip or not. Every reader goes through here, so a missing file, a
// truncated .gz or a gzip bomb comes back as a DatasetError naming the file.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { DatasetError, describeCause } from '../errors.ts';

const gunzipAsync = promisify(gunzip);

/** Larger than any file here unpacks to (CIFAR's tar is 180 MB); stops a gzip bomb early. */
const MAX_UNPACKED_BYTES = 1 << 30;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Unpacks gzip bytes; zlib's complaints become TRUNCATED (cut short) or CORRUPT (anything else). */
export async function gunzipBytes(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  try {
    return await gunzipAsync(bytes, { maxOutputLength: MAX_UNPACKED_BYTES });
  } catch (e) {
    const msg = describeCause(e);
    const truncated = /unexpected end/i.test(msg) || (e as { code?: string }).code === 'Z_BUF_ERROR';
    throw new DatasetError(truncated ? 'DATASET_TRUNCATED' : 'DATASET_CORRUPT',
      `gzip data could not be unpacked (${msg})`, { file, cause: e });
  }
}

/** The whole file; a missing or unreadable file is a DatasetError, not an ENOENT. */
export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new DatasetError('DATASET_NOT_FOUND', `cannot read the file (${code ?? describeCause(e)})`,
      { file: path, cause: e, fix: 'Check that the file exists and is readable, or run `gradebench data`.' });
  }
}

/** readBytes without the thread pool, for many small files read one after another. */
export function readBytesSync(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new DatasetError('DATASET_NOT_FOUND', `cannot read the file (${code ?? describeCause(e)})`,
      { file: path, cause: e, fix: 'Check that the file exists and is readable, or run `gradebench data`.' });
  }
}

/** The file's content, unpacked when it starts with the gzip magic (whatever its name says). */
export async function readMaybeGzip(path: string): Promise<Uint8Array> {
  const bytes = await readBytes(path);
  return isGzip(bytes) ? gunzipBytes(bytes, path) : bytes;
}
